package dev.songmood.evaluate;

import dev.songmood.metrics.ClassificationReport;
import java.util.Map;

/** The metrics of one evaluation and the row counts by outcome. */
public record EvaluateResult(String runId, ClassificationReport report, Map<String, Long> counts, String reportDir) {
}
