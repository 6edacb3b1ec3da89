package dev.songmood.train;

import dev.songmood.evaluate.CascadeTuning;
import dev.songmood.input.Fields;
import dev.songmood.metrics.CalibrationMetrics;
import dev.songmood.metrics.CoverageMetrics;
import dev.songmood.model.Cascades;
import dev.songmood.stages.ProbabilityCalibrator;
import dev.songmood.stages.TemperatureFit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calibrates the chosen model: its class probabilities on the validation songs, as predicted by the model fitted
 * on the training split alone (songs that fit did not see), fit a temperature ({@link TemperatureFit}); the
 * {@code ProbabilityCalibrator} with it becomes the last stage of the shipped model. The same songs, scored by
 * that fit's encoder-free path too, choose the encoder cascade's threshold ({@link CascadeChoice}).
 */
final class Calibration {
  private static final Logger LOG = LoggerFactory.getLogger(Calibration.class);
  /**
   * A fitted temperature and what it did to the validation songs; {@code coverage}: those songs'
   * accuracy-at-coverage table after calibration (the thresholds {@code --coverage} reads).
   */
  record Fitted(TemperatureFit.Fitted fit, CoverageMetrics.Result coverage, Optional<CascadeTuning.Scores> cascade) {
    ProbabilityCalibrator stage() { return fit.stage(); }
    long songs() { return fit.songs(); }
    CalibrationMetrics.Result before() { return fit.before(); }
    CalibrationMetrics.Result after() { return fit.after(); }
    double temperature() { return fit.temperature(); }

    /** What the saved model records: method, T, the validation songs' ECE and NLL before and after. */
    Map<String, Object> provenance(String fittedOn) { return fit.provenance(fittedOn); }
  }

  private Calibration() {
  }

  /**
   * Fits {@code spec} on {@code train}, scores {@code validation} and fits the temperature on it; empty when there
   * are no validation songs or the model has no probability vector.
   */
  static Optional<Fitted> fit(ClassifierSpec spec, Dataset<Row> train, Dataset<Row> validation) {
    if (validation.isEmpty()) {
      LOG.warn("calibration: no validation songs; the model ships uncalibrated");
      return Optional.empty();
    }
    PipelineModel fitted = spec.fit(train);
    Dataset<Row> scored = fitted.transform(validation);
    if (!Arrays.asList(scored.columns()).contains(Fields.PROBABILITY)) {
      LOG.warn("calibration: the chosen model has no '{}' column; it ships uncalibrated", Fields.PROBABILITY);
      return Optional.empty();
    }
    // Only a probability vector and a label per validation song come to the driver (as the held-out bootstrap's).
    List<Row> rows = scored.where(scored.col(Fields.LABEL).isNotNull())
        .select(Fields.PROBABILITY, Fields.LABEL).collectAsList();
    double[][] p = new double[rows.size()][];
    int[] y = new int[rows.size()];
    for (int i = 0; i < y.length; i++) {
      p[i] = ((Vector) rows.get(i).get(0)).toArray();
      y[i] = (int) Math.round(((Number) rows.get(i).get(1)).doubleValue());
    }
    Fitted f = fit(p, y, cascadeScores(fitted, scored, validation));
    LOG.info("calibration: T = {} on {} validation songs; before {}; after {}; coverage {}",
        String.format("%.4f", f.temperature()), y.length, f.before(), f.after(), f.coverage());
    return Optional.of(f);
  }

  /** The temperature fitted to (p, y), and the songs' coverage table after it. */
  static Fitted fit(double[][] p, int[] y) {
    return fit(p, y, Optional.empty());
  }

  private static Fitted fit(double[][] p, int[] y, Optional<CascadeTuning.Scores> cascade) {
    TemperatureFit.Fitted t = TemperatureFit.fit(p, y);
    return new Fitted(t, CoverageMetrics.of(TemperatureFit.scaled(p, t.temperature()), y), cascade);
  }

  /**
   * The same validation songs scored by the encoder cascade's two paths (the train-only fit and its cheap path),
   * for its threshold ({@link CascadeChoice}); empty when the model has no cheap path.
   */
  private static Optional<CascadeTuning.Scores> cascadeScores(PipelineModel fitted, Dataset<Row> scored,
      Dataset<Row> validation) {
    return Cascades.cheapPath(fitted).map(cheap -> CascadeTuning.score(scored, cheap.transform(validation)));
  }

  /** {@code fitted} followed by the calibrator: the shipped classifier. */
  static PipelineModel appended(PipelineModel fitted, Fitted calibration) {
    return new PipelineModel(fitted.uid() + "_calibrated", List.<Transformer>of(fitted, calibration.stage()));
  }
}
