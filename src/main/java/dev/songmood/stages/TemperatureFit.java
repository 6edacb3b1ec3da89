package dev.songmood.stages;

import dev.songmood.metrics.CalibrationMetrics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fits the temperature of a {@link ProbabilityCalibrator} to songs whose labels are known: the T minimising their
 * negative log-likelihood (probabilities ∝ p^(1/T)), with a weak prior on log T. One parameter for the whole vector,
 * so a few hundred songs fit it well and the predicted quadrant never changes (per-class isotonic or Platt scaling
 * can reorder classes and needs more songs; {@code CalibrationMethodsBenchmark} measures them against it).
 * Used by {@code train} (validation songs) and {@code evaluate --recalibrate} (a labelled sample of a catalog).
 */
public final class TemperatureFit {
  public static final String METHOD = "temperature";
  /** The range of T searched: wide enough for any model we ship (the measured ones need 0.3 to 2). */
  static final double MIN_TEMPERATURE = 0.02;
  static final double MAX_TEMPERATURE = 50;
  /**
   * Standard deviation of the Gaussian prior on log T (centred on T = 1) that the fit maximises with the
   * likelihood. Without it a handful of songs that the model got all right drive T to the smallest value searched
   * (the NLL falls forever as T -> 0); with it, 8 such songs give a moderate T, and a few hundred songs outweigh it
   * (its pull on the summed NLL is that of one song).
   */
  static final double PRIOR_LOG_SD = 1.0;
  /** Width of the final interval of log T: T is found to within 0.01%. */
  static final double LOG_TOLERANCE = 1e-4;

  /** A fitted calibration and what it did to the songs it was fitted on. */
  public record Fitted(ProbabilityCalibrator stage, long songs, CalibrationMetrics.Result before,
      CalibrationMetrics.Result after) {
    public double temperature() { return stage.getTemperature(); }

    /** What a saved model records: method, T, where it was fitted, the songs' ECE and NLL before and after. */
    public Map<String, Object> provenance(String fittedOn) {
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

  private TemperatureFit() {
  }

  /** The temperature minimising the labels' negative log-likelihood, and the metrics before and after. */
  public static Fitted fit(double[][] p, int[] y) {
    double t = y.length == 0 ? ProbabilityCalibrator.TEMPERATURE_DEFAULT : temperature(p, y);
    return new Fitted(new ProbabilityCalibrator().setTemperature(t), y.length, CalibrationMetrics.of(p, y),
        CalibrationMetrics.of(scaled(p, t), y));
  }

  /** Every row of {@code p} scaled by temperature {@code t}. */
  public static double[][] scaled(double[][] p, double t) {
    double[][] out = new double[p.length][];
    for (int i = 0; i < p.length; i++) {
      out[i] = ProbabilityCalibrator.scaled(p[i], t);
    }
    return out;
  }

  /**
   * Golden-section search of log T for the most probable T: summed NLL plus the prior's (log T)^2 / (2 sd^2). The
   * NLL is convex in 1/T (a log-sum-exp of linear functions minus a linear one), so along the monotone log T axis
   * it has one minimum, and so has the sum with the convex prior term; golden section finds it.
   */
  public static double temperature(double[][] p, int[] y) {
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
  public static double nll(double[][] p, int[] y, double t) {
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      sum -= Math.log(Math.max(ProbabilityCalibrator.scaled(p[i], t)[y[i]], CalibrationMetrics.MIN_PROBABILITY));
    }
    return sum / Math.max(1, y.length);
  }
}
