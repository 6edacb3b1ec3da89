package dev.songmood.evaluate;

import dev.songmood.metrics.CalibrationMetrics;
import dev.songmood.metrics.ClassificationReport;
import dev.songmood.metrics.CoverageMetrics;
import java.util.List;
import java.util.Map;

/**
 * An evaluation to publish: the metrics of one model on one labelled data set, optionally with the baselines
 * measured in the same run and the hyperparameter trials that chose the model.
 *
 * @param title      heading of the readable report
 * @param context    key facts shown at the top and stored with the summary (model version, data set, label spec...)
 * @param model      the evaluated model's metrics
 * @param baselines  other models measured on the same rows, by name (may be empty)
 * @param trials     the hyperparameter search that chose the model (may be empty)
 * @param calibration the model's probabilities binned by confidence, by series ("uncalibrated", "calibrated"), in
 *                   the order the reliability diagram draws them (may be empty)
 * @param coverage   the model's accuracy at coverage on these songs, with its final (calibrated) probabilities
 *                   (no levels when it has no probabilities)
 */
public record Report(String title, Map<String, String> context, ClassificationReport model,
    Map<String, ClassificationReport> baselines, List<Trial> trials,
    Map<String, CalibrationMetrics.Result> calibration, CoverageMetrics.Result coverage) {
  public static final CoverageMetrics.Result NO_COVERAGE = new CoverageMetrics.Result(0, List.of());

  public Report {
    coverage = coverage == null ? NO_COVERAGE : coverage;
  }

  public Report(String title, Map<String, String> context, ClassificationReport model,
      Map<String, ClassificationReport> baselines, List<Trial> trials,
      Map<String, CalibrationMetrics.Result> calibration) {
    this(title, context, model, baselines, trials, calibration, NO_COVERAGE);
  }

  public Report(String title, Map<String, String> context, ClassificationReport model,
      Map<String, ClassificationReport> baselines, List<Trial> trials) {
    this(title, context, model, baselines, trials, Map.of());
  }
}
