package dev.songmood.label;

import java.util.Map;

/** Row counts of a labelling run by outcome ({@code read = labelled + quarantined_*}) and where it wrote. */
public record LabelResult(String runId, String modelVersion, Map<String, Long> counts, String predictionsDir,
    String quarantineDir, double seconds) {
}
