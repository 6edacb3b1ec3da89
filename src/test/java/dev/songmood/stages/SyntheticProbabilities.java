package dev.songmood.stages;

/**
 * Songs whose true class probabilities are known, for the calibration tests: softmax(k z) of true logits z (k > 1
 * over-confident, k < 1 under-confident), and labels drawn from the true probabilities.
 */
public final class SyntheticProbabilities {
  private SyntheticProbabilities() {
  }

  /** softmax(k z). */
  public static double[] softmax(double[] z, double k) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, k * v);
    }
    double[] out = new double[z.length];
    double sum = 0;
    for (int c = 0; c < z.length; c++) {
      out[c] = Math.exp(k * z[c] - max);
      sum += out[c];
    }
    for (int c = 0; c < z.length; c++) {
      out[c] /= sum;
    }
    return out;
  }

  /** The class that a uniform draw {@code u} in [0, 1) picks from probabilities {@code q}. */
  public static int draw(double[] q, double u) {
    double cumulative = 0;
    for (int c = 0; c < q.length; c++) {
      cumulative += q[c];
      if (u < cumulative) {
        return c;
      }
    }
    return q.length - 1;
  }
}
