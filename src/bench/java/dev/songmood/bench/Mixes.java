package dev.songmood.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Ways of combining members' probabilities: a weighted average with weights chosen on validation, and stacking. */
final class Mixes {
  private static final int STEPS = 10;

  private Mixes() {
  }

  static double[][] mix(List<double[][]> members, double[] weights) {
    int n = members.get(0).length;
    double[][] out = new double[n][4];
    for (int m = 0; m < members.size(); m++) {
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < 4; k++) {
          out[i][k] += weights[m] * members.get(m)[i][k];
        }
      }
    }
    return out;
  }

  /** The weights (multiples of 1/10 summing to 1, each member at least 1/10) with the best validation macro-F1. */
  static double[] bestWeights(List<double[][]> members, Songs songs) {
    double best = -1;
    double[] bestW = null;
    for (int[] parts : compositions(STEPS, members.size())) {
      double[] w = Arrays.stream(parts).mapToDouble(v -> (double) v / STEPS).toArray();
      double f1 = songs.report(songs.argmax(mix(members, w), "validation"), "validation").macroF1();
      if (f1 > best + 1e-12) {
        best = f1;
        bestW = w;
      }
    }
    return bestW;
  }

  /** Every way of writing {@code total} as {@code parts} positive integers, in order. */
  static List<int[]> compositions(int total, int parts) {
    List<int[]> out = new ArrayList<>();
    fill(total, parts, new int[parts], 0, out);
    return out;
  }

  private static void fill(int left, int parts, int[] acc, int at, List<int[]> out) {
    if (at == parts - 1) {
      if (left >= 1) {
        acc[at] = left;
        out.add(acc.clone());
      }
      return;
    }
    for (int v = 1; v <= left - (parts - at - 1); v++) {
      acc[at] = v;
      fill(left - v, parts, acc, at + 1, out);
    }
  }

  static String format(double[] w) {
    return DoubleStream.of(w).mapToObj(v -> String.format(Locale.ROOT, "%.1f", v)).collect(Collectors.joining("/"));
  }

  /**
   * A class-weighted multinomial logistic regression over every member's log-probabilities, fitted on the
   * validation songs; its probabilities of every song.
   */
  static double[][] stacked(SparkSession spark, List<double[][]> members, Songs songs) {
    int n = songs.size();
    long[] perClass = new long[4];
    int[] validation = songs.rows("validation");
    for (int i : validation) {
      perClass[songs.label(i)]++;
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] f = new double[4 * members.size()];
      for (int m = 0; m < members.size(); m++) {
        for (int k = 0; k < 4; k++) {
          f[4 * m + k] = Math.log(Math.max(members.get(m)[i][k], 1e-6));
        }
      }
      int y = songs.label(i);
      double weight = perClass[y] == 0 ? 0 : (double) validation.length / (4.0 * perClass[y]);
      rows.add(RowFactory.create(i, songs.split(i), (double) y, weight, Vectors.dense(f)));
    }
    StructType schema = new StructType().add("row", DataTypes.IntegerType).add("split", DataTypes.StringType)
        .add("label", DataTypes.DoubleType).add("weight", DataTypes.DoubleType)
        .add("features", SQLDataTypes.VectorType());
    Dataset<Row> all = spark.createDataFrame(rows, schema).cache();
    LogisticRegressionModel lr = new LogisticRegression().setFamily("multinomial").setRegParam(0.01)
        .setStandardization(true).setWeightCol("weight").setMaxIter(200)
        .fit(all.where("split = 'validation'"));
    double[][] out = new double[n][];
    for (Row r : lr.transform(all).select("row", "probability").collectAsList()) {
      out[r.getInt(0)] = ((Vector) r.get(1)).toArray();
    }
    all.unpersist();
    return out;
  }
}
