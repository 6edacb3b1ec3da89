package dev.songmood.label;

import java.util.Map;

/**
 * Row counts of a labelling run by outcome ({@code read = labelled + unchanged + quarantined}, with
 * {@code quarantined_<reason>} per reason and {@code removed}: published songs whose lyrics are now rejected) and
 * the tables it wrote.
 */
public record LabelResult(String runId, String modelVersion, Map<String, Long> counts, String predictionsDir,
    String quarantineDir, String runsDir, double seconds) {
}
