package dev.songmood.bench;

import java.util.stream.IntStream;

/**
 * A cascade simulated on members' probabilities: a song whose cheap answer is at least {@code threshold} sure keeps
 * it, every other song gets the full model's. The threshold is the lowest (the cheapest: most songs skip the
 * encoder) whose validation macro-F1 stays within {@link #TOLERANCE} of the full model's there.
 */
final class Cascades {
  static final double TOLERANCE = 0.005;

  record Routed(double threshold, double[][] probabilities, double validationMacroF1, double fullValidationMacroF1) {
    /** The share of the split's songs that the cheap members labelled. */
    double skipped(Songs songs, String split, double[][] cheap) {
      int[] rows = songs.rows(split);
      return IntStream.of(rows).filter(i -> max(cheap[i]) >= threshold).count() / (double) rows.length;
    }
  }

  private Cascades() {
  }

  static Routed choose(double[][] cheap, double[][] full, Songs songs) {
    double fullF1 = songs.report(songs.argmax(full, "validation"), "validation").macroF1();
    for (int percent = 25; percent <= 100; percent++) {
      double t = percent / 100.0;
      double[][] routed = route(cheap, full, t);
      double f1 = songs.report(songs.argmax(routed, "validation"), "validation").macroF1();
      if (f1 >= fullF1 - TOLERANCE) {
        return new Routed(t, routed, f1, fullF1);
      }
    }
    return new Routed(1.01, full, fullF1, fullF1);
  }

  static double[][] route(double[][] cheap, double[][] full, double threshold) {
    double[][] out = new double[cheap.length][];
    for (int i = 0; i < cheap.length; i++) {
      out[i] = max(cheap[i]) >= threshold ? cheap[i] : full[i];
    }
    return out;
  }

  static double max(double[] p) {
    double m = p[0];
    for (double v : p) {
      m = Math.max(m, v);
    }
    return m;
  }
}
