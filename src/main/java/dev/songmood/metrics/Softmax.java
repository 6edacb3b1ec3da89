package dev.songmood.metrics;

/** Probabilities from log-scores: exp(z - max) normalised, stable for any finite z. */
public final class Softmax {
  private Softmax() {
  }

  public static double[] of(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] out = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      out[i] = Math.exp(z[i] - max);
      sum += out[i];
    }
    for (int i = 0; i < z.length; i++) {
      out[i] /= sum;
    }
    return out;
  }
}
