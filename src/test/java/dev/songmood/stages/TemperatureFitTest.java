package dev.songmood.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.metrics.CalibrationMetrics;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Temperature fits on songs whose true class probabilities are known: true logits z, labels drawn from softmax(z),
 * and a model that reports softmax(k z). Scaling by T = k gives back the true probabilities, so the fit must find
 * T near k, within a tolerance from the fit's own standard error.
 */
class TemperatureFitTest {
  private static final int SONGS = 20_000;
  private static final int CLASSES = 4;

  /** Songs with true logits z ~ N(0, 1.5²) per class, labels drawn from softmax(z), reported softmax(k z). */
  private record Synthetic(double[][] reported, int[] labels) {
    static Synthetic of(double k, long seed) {
      Random random = new Random(seed);
      double[][] reported = new double[SONGS][];
      int[] labels = new int[SONGS];
      for (int i = 0; i < SONGS; i++) {
        double[] z = new double[CLASSES];
        for (int c = 0; c < CLASSES; c++) {
          z[c] = 1.5 * random.nextGaussian();
        }
        labels[i] = SyntheticProbabilities.draw(SyntheticProbabilities.softmax(z, 1), random.nextDouble());
        reported[i] = SyntheticProbabilities.softmax(z, k);
      }
      return new Synthetic(reported, labels);
    }
  }

  @Test
  void overConfidentModelGetsTemperatureNearThreeAndLowerEce() {
    Synthetic s = Synthetic.of(3, 7);
    TemperatureFit.Fitted f = TemperatureFit.fit(s.reported(), s.labels());
    assertNear(3, f.temperature(), s);
    assertTrue(f.before().ece() > 0.15, "over-confident before: " + f.before());
    assertTrue(f.after().ece() < 0.02 && f.after().ece() < f.before().ece() / 5, "after: " + f.after());
    assertTrue(f.after().nll() < f.before().nll());
    assertClassOrderKept(s, f.temperature());
  }

  @Test
  void underConfidentModelGetsTemperatureBelowOne() {
    Synthetic s = Synthetic.of(0.5, 11);
    TemperatureFit.Fitted f = TemperatureFit.fit(s.reported(), s.labels());
    assertTrue(f.temperature() < 1);
    assertNear(0.5, f.temperature(), s);
    assertTrue(f.before().meanConfidence() < f.before().accuracy(), "under-confident: " + f.before());
    assertTrue(f.after().ece() < f.before().ece() / 3, f.before() + " -> " + f.after());
    assertClassOrderKept(s, f.temperature());
  }

  @Test
  void calibratedModelKeepsTemperatureNearOne() {
    Synthetic s = Synthetic.of(1, 13);
    TemperatureFit.Fitted f = TemperatureFit.fit(s.reported(), s.labels());
    assertNear(1, f.temperature(), s);
    assertEquals(f.before().ece(), f.after().ece(), 0.01);
  }

  @Test
  void fewSongsStayNearOneAndNoSongsLeaveTheIdentity() {
    // Two songs, both right at 0.4: the likelihood alone wants T -> 0 (the bound); the prior on log T holds it.
    TemperatureFit.Fitted few = TemperatureFit.fit(new double[][] {{0.4, 0.2, 0.2, 0.2}, {0.2, 0.4, 0.2, 0.2}},
        new int[] {0, 1});
    assertTrue(few.temperature() > 0.2 && few.temperature() < 1, "T " + few.temperature());
    TemperatureFit.Fitted f = TemperatureFit.fit(new double[0][], new int[0]);
    assertEquals(ProbabilityCalibrator.TEMPERATURE_DEFAULT, f.temperature());
    assertEquals(0, f.songs());
  }

  /**
   * |T - expected| within 4 standard errors of the fitted T. With l = log p and beta = 1/T, the NLL's second
   * derivative in beta is the sum over songs of Var_q(l) under the calibrated q; se(beta) = 1 / sqrt(that), and
   * se(T) = T² se(beta) by the delta method. (20,000 songs: about 1-2% of T.)
   */
  private static void assertNear(double expected, double t, Synthetic s) {
    double information = 0;
    for (double[] p : s.reported()) {
      double[] q = ProbabilityCalibrator.scaled(p, t);
      double mean = 0;
      double square = 0;
      for (int c = 0; c < CLASSES; c++) {
        double l = Math.log(p[c]);
        mean += q[c] * l;
        square += q[c] * l * l;
      }
      information += square - mean * mean;
    }
    double se = t * t / Math.sqrt(information);
    assertTrue(se < 0.03 * expected, "the synthetic set is too small to test with: se " + se);
    assertEquals(expected, t, 4 * se, "T within 4 standard errors (se " + se + ")");
  }

  private static void assertClassOrderKept(Synthetic s, double t) {
    for (double[] p : s.reported()) {
      assertEquals(CalibrationMetrics.argmax(p), CalibrationMetrics.argmax(ProbabilityCalibrator.scaled(p, t)));
    }
  }
}
