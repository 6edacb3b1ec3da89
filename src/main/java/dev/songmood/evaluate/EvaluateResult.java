package dev.songmood.evaluate;

import dev.songmood.metrics.CalibrationMetrics;
import dev.songmood.metrics.ClassificationReport;
import java.util.Map;

/** The metrics of one evaluation, the row counts by outcome and the calibration series of the report. */
public record EvaluateResult(String runId, ClassificationReport report, Map<String, Long> counts, String reportDir,
    Map<String, CalibrationMetrics.Result> calibration) {
}
