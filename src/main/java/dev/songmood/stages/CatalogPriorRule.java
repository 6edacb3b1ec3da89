package dev.songmood.stages;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import dev.songmood.metrics.Softmax;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * The catalog prior's arithmetic, apart from the stage that fits, saves and applies it ({@link CatalogPriorModel}):
 * the smoothed class balance, the naive-Bayes combination of the lyrics probabilities with each key column's class
 * counts, and how key values are normalised (the same on the training side and the labelling side).
 */
final class CatalogPriorRule {
  private CatalogPriorRule() {
  }

  /** The overall class balance p(q) from the class counts, add-one smoothed. */
  static double[] baseRates(double[] prior) {
    double total = java.util.Arrays.stream(prior).sum();
    double[] base = new double[prior.length];
    for (int q = 0; q < base.length; q++) {
      base[q] = (prior[q] + 1) / (total + CatalogPriorModel.CLASSES);
    }
    return base;
  }

  /**
   * The combination rule on plain arrays: {@code counts.get(k)} is the class counts of the song's value of key
   * column k (null: unseen or missing), {@code base} the overall class balance ({@link #baseRates}). Without any
   * evidence the lyrics probabilities come back as they are.
   */
  static Vector combine(Vector probability, double[] base, List<double[]> counts, double[] weights,
      double smoothing) {
    if (java.util.stream.IntStream.range(0, counts.size())
        .noneMatch(k -> counts.get(k) != null && weights[k] != 0)) {
      return probability;
    }
    double[] logp = new double[probability.size()];
    for (int q = 0; q < logp.length; q++) {
      logp[q] = Math.log(Math.max(probability.apply(q), 1e-12));
    }
    for (int k = 0; k < counts.size(); k++) {
      double[] n = counts.get(k);
      if (n == null || weights[k] == 0) {
        continue;
      }
      double songs = 0;
      for (double c : n) {
        songs += c;
      }
      for (int q = 0; q < logp.length; q++) {
        double pk = (n[q] + smoothing * base[q]) / (songs + smoothing);
        logp[q] += weights[k] * (Math.log(pk) - Math.log(base[q]));
      }
    }
    double[] out = Softmax.of(logp);
    return Vectors.dense(out);
  }

  /** Trimmed, lower-cased, single-spaced; empty becomes null. */
  static Column normalised(Column value) {
    Column n = lower(trim(regexp_replace(value, "\\s+", " ")));
    return when(n.equalTo(""), lit(null).cast(DataTypes.StringType)).otherwise(n);
  }

  static String normalise(String value) {
    if (value == null) {
      return null;
    }
    String n = value.replaceAll("\\s+", " ").trim().toLowerCase(java.util.Locale.ROOT);
    return n.isEmpty() ? null : n;
  }
}
