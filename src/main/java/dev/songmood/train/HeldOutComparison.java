package dev.songmood.train;

import dev.songmood.evaluate.PairedBootstrap;
import dev.songmood.input.Fields;
import dev.songmood.metrics.CalibrationMetrics;
import dev.songmood.metrics.ClassificationReport;
import dev.songmood.metrics.ConfusionCounts;
import dev.songmood.metrics.CoverageMetrics;
import dev.songmood.train.ModelSearch.Candidate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search's last step: every candidate refitted and scored once on the same held-out songs, for the reports,
 * the valence/arousal metrics of the models that predict them, and paired-bootstrap intervals of each candidate's
 * gain over the first one (TF-IDF when it was searched). Keeps the chosen candidate's fitted pipeline, calibrated,
 * its held-out calibration without and with the calibrator, and its held-out accuracy at coverage (calibrated).
 */
final class HeldOutComparison {
  private static final Logger LOG = LoggerFactory.getLogger(HeldOutComparison.class);
  static final int BOOTSTRAP_RESAMPLES = 1000;

  record Result(PipelineModel chosenModel, Map<String, ClassificationReport> reports,
      Map<String, Map<String, Double>> coordinates, Map<String, PairedBootstrap.Result> intervals,
      Map<String, CalibrationMetrics.Result> calibration, CoverageMetrics.Result coverage) {}

  private HeldOutComparison() {}

  /**
   * @param refitRows the rows a candidate is refitted on
   * @param heldOut the held-out rows a candidate is scored on, in its encoder's representation
   * @param withCentre whether valence/arousal labels exist (a learned quadrant centre), for the fine-tuned
   *     models' regression head
   * @param calibration the chosen model's calibrator, appended after everything else (when fitted)
   */
  static Result run(List<Candidate> candidates, Candidate chosen, Function<Candidate, Dataset<Row>> refitRows,
      Function<Candidate, Dataset<Row>> heldOut, boolean withCentre, long seed,
      Optional<Calibration.Fitted> calibration) {
    Map<String, ClassificationReport> reports = new LinkedHashMap<>();
    Map<String, Map<String, Double>> coordinates = new LinkedHashMap<>();
    Map<String, int[]> predictions = new LinkedHashMap<>();
    int[] labels = null;
    PipelineModel chosenModel = null;
    Map<String, CalibrationMetrics.Result> calibrated = new LinkedHashMap<>();
    CoverageMetrics.Result coverage = null;
    for (Candidate c : candidates) {
      Dataset<Row> rows = refitRows.apply(c);
      PipelineModel fitted = c.spec().fit(rows);
      if (c == chosen && withCentre) {  // the model to ship estimates valence and arousal too
        fitted = CoordinateHeads.append(fitted, rows);
      }
      // Scored once: a fine-tuned encoder costs minutes per pass over the held-out songs.
      Dataset<Row> transformed = fitted.transform(heldOut.apply(c)).cache();
      Dataset<Row> scored = transformed.select(Fields.ID, Fields.LABEL, Fields.PREDICTION).orderBy(Fields.ID);
      ClassificationReport r = ConfusionCounts.report(scored, Fields.LABEL, Fields.PREDICTION);
      int[][] collected = collect(scored);
      labels = labels == null ? collected[0] : labels;
      if (Arrays.equals(labels, collected[0])) {
        predictions.put(c.name(), collected[1]);
      } else {
        LOG.warn("{}: its held-out songs differ from the first model's; left out of the bootstrap", c.name());
      }
      LOG.info("held-out: {} accuracy {} macro-F1 {}", c.name(), String.format("%.4f", r.accuracy()),
          String.format("%.4f", r.macroF1()));
      reports.put(c.name(), r);
      if (withCentre && java.util.Arrays.asList(transformed.columns()).contains(CoordinateSpec.VALENCE_HAT)) {
        coordinates.put(c.name(), RegressionMetrics.of(transformed));
        LOG.info("held-out coordinates: {} {}", c.name(), coordinates.get(c.name()));
      }
      if (c == chosen && Arrays.asList(transformed.columns()).contains(Fields.PROBABILITY)) {
        calibrated.put(CalibrationMetrics.UNCALIBRATED,
            CalibrationMetrics.of(transformed, Fields.PROBABILITY, Fields.LABEL));
        if (calibration.isPresent()) {
          Dataset<Row> rescaled = calibration.get().stage().transform(transformed);
          calibrated.put(CalibrationMetrics.CALIBRATED,
              CalibrationMetrics.of(rescaled, Fields.PROBABILITY, Fields.LABEL));
          fitted = Calibration.appended(fitted, calibration.get());
          coverage = CoverageMetrics.of(rescaled, Fields.PROBABILITY, Fields.PREDICTION, Fields.LABEL);
        } else {
          coverage = CoverageMetrics.of(transformed, Fields.PROBABILITY, Fields.PREDICTION, Fields.LABEL);
        }
        LOG.info("held-out coverage: {} {}", c.name(), coverage);
        LOG.info("held-out calibration: {} {}", c.name(), calibrated);
      }
      transformed.unpersist();
      if (c == chosen) {
        chosenModel = c.encoder() == null ? fitted : new PipelineModel("classifier_" + c.spec().family(),
            List.<Transformer>of(c.encoder().stage(), fitted));
      }
    }
    Map<String, PairedBootstrap.Result> intervals = Map.of();
    String reference = candidates.get(0).name();
    if (labels != null && predictions.containsKey(reference) && predictions.size() > 1) {
      intervals = PairedBootstrap.compare(labels, predictions, reference, 4, BOOTSTRAP_RESAMPLES, seed);
      intervals.forEach((name, b) -> LOG.info("bootstrap: {} {}", name, b));
    }
    return new Result(chosenModel, reports, coordinates, intervals, calibrated, coverage);
  }

  /** A candidate's held-out labels and predictions (ordered by id), for the paired bootstrap. */
  private static int[][] collect(Dataset<Row> scored) {
    List<Row> rows = scored.collectAsList();
    int[] y = new int[rows.size()];
    int[] p = new int[rows.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = (int) Math.round(((Number) rows.get(i).get(1)).doubleValue());
      p[i] = (int) Math.round(((Number) rows.get(i).get(2)).doubleValue());
    }
    return new int[][] {y, p};
  }
}
