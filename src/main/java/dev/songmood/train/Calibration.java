package dev.songmood.train;

import dev.songmood.config.Fields;
import dev.songmood.metrics.CalibrationMetrics;
import dev.songmood.metrics.CoverageMetrics;
import dev.songmood.stages.ProbabilityCalibrator;
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
 * on the training split alone (songs that fit did not see), give the temperature that minimises their negative
 * log-likelihood; a {@link ProbabilityCalibrator} with it becomes the last stage of the shipped model. Only
 * temperature scaling is fitted: one parameter for the whole vector, so a few hundred songs fit it well and the
 * predicted quadrant never changes (per-class isotonic or Platt scaling can reorder classes and needs more songs).
 */
final class Calibration {
  private static final Logger LOG = LoggerFactory.getLogger(Calibration.class);
  static final String METHOD = "temperature";
  /** The range of T searched: wide enough for any model we ship (the measured one needs about 0.3). */
  static final double MIN_TEMPERATURE = 0.02;
  static final double MAX_TEMPERATURE = 50;
  /**
   * Standard deviation of the Gaussian prior on log T (centred on T = 1) that the fit maximises with the
   * likelihood. Without it a handful of validation songs that the model got all right drive T to the smallest
   * value searched (the NLL falls forever as T -> 0); with it, 8 such songs give a moderate T, and a few hundred
   * songs outweigh it (its pull on the summed NLL is that of one song).
   */
  static final double PRIOR_LOG_SD = 1.0;
  /** Width of the final interval of log T: T is found to within 0.01%. */
  static final double LOG_TOLERANCE = 1e-4;

  /**
   * A fitted calibration and what it did to the songs it was fitted on; {@code coverage}: those songs'
   * accuracy-at-coverage table after calibration (the thresholds {@code --coverage} reads).
   */
  record Fitted(ProbabilityCalibrator stage, long songs, CalibrationMetrics.Result before,
      CalibrationMetrics.Result after, CoverageMetrics.Result coverage) {
    double temperature() { return stage.getTemperature(); }

    /** What the saved model records: method, T, the validation songs' ECE and NLL before and after. */
    Map<String, Object> provenance(String fittedOn) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("method", METHOD);
      out.put("temperature", temperature());
      out.put("fitted_on", fittedOn);
      out.put("songs", songs);
      out.put("bins", CalibrationMetrics.BINS_DEFAULT);
      out.put("ece_before", before.ece());
      out.put("ece_after", after.ece());
      out.put("nll_before", before.nll());
      out.put("nll_after", after.nll());
      return out;
    }
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
    Dataset<Row> scored = spec.fit(train).transform(validation);
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
    Fitted f = fit(p, y);
    LOG.info("calibration: T = {} on {} validation songs; before {}; after {}; coverage {}",
        String.format("%.4f", f.temperature()), y.length, f.before(), f.after(), f.coverage());
    return Optional.of(f);
  }

  /** The temperature minimising the labels' negative log-likelihood, and the metrics before and after. */
  static Fitted fit(double[][] p, int[] y) {
    double t = y.length == 0 ? ProbabilityCalibrator.TEMPERATURE_DEFAULT : temperature(p, y);
    double[][] after = new double[p.length][];
    for (int i = 0; i < p.length; i++) {
      after[i] = ProbabilityCalibrator.scaled(p[i], t);
    }
    return new Fitted(new ProbabilityCalibrator().setTemperature(t), y.length, CalibrationMetrics.of(p, y),
        CalibrationMetrics.of(after, y), CoverageMetrics.of(after, y));
  }

  /**
   * Golden-section search of log T for the most probable T: summed NLL plus the prior's (log T)^2 / (2 sd^2). The
   * NLL is convex in 1/T (a log-sum-exp of linear functions minus a linear one), so along the monotone log T axis
   * it has one minimum, and so has the sum with the convex prior term; golden section finds it.
   */
  static double temperature(double[][] p, int[] y) {
    double ratio = (Math.sqrt(5) - 1) / 2;
    double lo = Math.log(MIN_TEMPERATURE);
    double hi = Math.log(MAX_TEMPERATURE);
    double a = hi - ratio * (hi - lo);
    double b = lo + ratio * (hi - lo);
    double fa = objective(p, y, a);
    double fb = objective(p, y, b);
    while (hi - lo > LOG_TOLERANCE) {
      if (fa <= fb) {
        hi = b;
        b = a;
        fb = fa;
        a = hi - ratio * (hi - lo);
        fa = objective(p, y, a);
      } else {
        lo = a;
        a = b;
        fa = fb;
        b = lo + ratio * (hi - lo);
        fb = objective(p, y, b);
      }
    }
    return Math.exp((lo + hi) / 2);
  }

  private static double objective(double[][] p, int[] y, double logT) {
    return nll(p, y, Math.exp(logT)) * y.length + logT * logT / (2 * PRIOR_LOG_SD * PRIOR_LOG_SD);
  }

  /** Mean negative log-likelihood of the labels under the probabilities scaled by temperature {@code t}. */
  static double nll(double[][] p, int[] y, double t) {
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      sum -= Math.log(Math.max(ProbabilityCalibrator.scaled(p[i], t)[y[i]], CalibrationMetrics.MIN_PROBABILITY));
    }
    return sum / Math.max(1, y.length);
  }

  /** {@code fitted} followed by the calibrator: the shipped classifier. */
  static PipelineModel appended(PipelineModel fitted, Fitted calibration) {
    return new PipelineModel(fitted.uid() + "_calibrated", List.<Transformer>of(fitted, calibration.stage()));
  }
}
