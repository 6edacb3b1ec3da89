package dev.songmood.prepare;

import java.util.Map;

/** Row counts of a prepare run ({@code read = prepared + quarantined_*}), quadrant counts and the centre used. */
public record PrepareResult(String runId, Map<String, Long> counts, long[] quadrantCounts, double valenceCentre,
    double arousalCentre, String preparedDir) {
}
