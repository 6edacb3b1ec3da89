package dev.songmood.bench;

import dev.songmood.input.Fields;
import dev.songmood.input.InputSpec;
import dev.songmood.metrics.CalibrationMetrics;
import dev.songmood.model.EmotionModel;
import dev.songmood.songs.GroundTruthSpec;
import dev.songmood.songs.LabelledSongs;
import dev.songmood.songs.Quarantine;
import dev.songmood.songs.ScreenedSongs;
import dev.songmood.songs.SongSplits;
import dev.songmood.stages.ProbabilityCalibrator;
import dev.songmood.stages.QuadrantDeriverModel;
import dev.songmood.stages.TemperatureFit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Which calibration generalises best from a few hundred songs: temperature scaling (what {@code train} and
 * {@code evaluate --recalibrate} fit), Platt scaling per class (one-vs-rest logistic regression on the class's
 * log-odds, then renormalised) and isotonic regression per class (pool-adjacent-violators one-vs-rest, then
 * renormalised), each measured by K-fold cross-fitting on a model's uncalibrated probabilities of held-out songs
 * (each fold scaled by the map fitted on the others; folds by a hash of the id): ECE over 10 bins, NLL, accuracy and
 * macro-F1 (per-class maps can change the argmax; temperature cannot).
 *
 * <pre>./bench.sh CalibrationMethodsBenchmark INPUT SPLIT MODEL_DIR [FOLDS]</pre>
 */
public final class CalibrationMethodsBenchmark {
  private CalibrationMethodsBenchmark() {
  }

  public static void main(String[] args) {
    if (args.length < 3) {
      throw new IllegalArgumentException("usage: CalibrationMethodsBenchmark INPUT SPLIT MODEL_DIR [FOLDS]");
    }
    int folds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    SparkSession spark = BenchSession.local("CalibrationMethodsBenchmark");
    EmotionModel model = EmotionModel.load(spark, args[2]);
    GroundTruthSpec spec = GroundTruthSpec.parse("model", null);
    Dataset<Row> labelled = LabelledSongs.labelled(spark, InputSpec.of(args[0]), spec);
    java.util.Optional<SongSplits.Rule> rule = SongSplits.Rule.of(model.provenance().get("splits"));
    Dataset<Row> songs = ScreenedSongs.cache(LabelledSongs.split(
        rule.map(r -> SongSplits.assign(labelled, r)).orElse(labelled), args[1]));
    QuadrantDeriverModel centre = spec.deriver(Quarantine.accepted(songs), model.labels());
    ScreenedSongs screened = ScreenedSongs.of(songs, centre, model::screenLyrics, true, "calibration-methods");
    List<Row> rows = model.uncalibrated().classifyAccepted(screened.accepted())
        .select(Fields.ID, Fields.PROBABILITY, Fields.LABEL).orderBy(Fields.ID).collectAsList();
    double[][] p = new double[rows.size()][];
    int[] y = new int[rows.size()];
    int[] fold = new int[rows.size()];
    for (int i = 0; i < y.length; i++) {
      fold[i] = Math.floorMod(rows.get(i).getString(0).hashCode(), folds);
      p[i] = ((Vector) rows.get(i).get(1)).toArray();
      y[i] = (int) Math.round(((Number) rows.get(i).get(2)).doubleValue());
    }
    System.out.printf(Locale.ROOT, "%s: %d songs of the %s split (%s), %d-fold cross-fitted%n", model.version(),
        y.length, args[1], rule.map(Object::toString).orElse("the input's split"), folds);
    model.calibrator().ifPresent(c -> print("shipped temperature (T " + String.format(Locale.ROOT, "%.3f",
        c.getTemperature()) + ", fitted on validation)", TemperatureFit.scaled(p, c.getTemperature()), y));
    print("none", p, y);
    print("temperature", crossFitted(p, y, fold, folds, CalibrationMethodsBenchmark::temperature), y);
    print("Platt per class", crossFitted(p, y, fold, folds, CalibrationMethodsBenchmark::platt), y);
    print("isotonic per class", crossFitted(p, y, fold, folds, CalibrationMethodsBenchmark::isotonic), y);
    spark.stop();
  }

  /** A calibration map fitted on (p, y), applied to other rows. */
  private interface Map1 {
    double[] apply(double[] row);
  }

  private static double[][] crossFitted(double[][] p, int[] y, int[] fold, int folds,
      BiFunction<double[][], int[], Map1> fitter) {
    double[][] out = new double[p.length][];
    for (int f = 0; f < folds; f++) {
      List<Integer> train = new ArrayList<>();
      for (int i = 0; i < p.length; i++) {
        if (fold[i] != f) {
          train.add(i);
        }
      }
      Map1 map = fitter.apply(train.stream().map(i -> p[i]).toArray(double[][]::new),
          train.stream().mapToInt(i -> y[i]).toArray());
      for (int i = 0; i < p.length; i++) {
        if (fold[i] == f) {
          out[i] = map.apply(p[i]);
        }
      }
    }
    return out;
  }

  private static Map1 temperature(double[][] p, int[] y) {
    double t = TemperatureFit.temperature(p, y);
    return row -> ProbabilityCalibrator.scaled(row, t);
  }

  /** Per class k: P(y = k) = sigmoid(a logit(p_k) + b), by Newton's method with a small ridge; rows renormalised. */
  private static Map1 platt(double[][] p, int[] y) {
    int classes = p[0].length;
    double[][] ab = new double[classes][];
    for (int k = 0; k < classes; k++) {
      double a = 1;
      double b = 0;
      for (int iter = 0; iter < 50; iter++) {
        double ga = 1e-3 * (a - 1);
        double gb = 0;
        double haa = 1e-3;
        double hab = 0;
        double hbb = 1e-6;
        for (int i = 0; i < p.length; i++) {
          double x = logit(p[i][k]);
          double q = sigmoid(a * x + b);
          double r = q - (y[i] == k ? 1 : 0);
          double w = q * (1 - q);
          ga += r * x;
          gb += r;
          haa += w * x * x;
          hab += w * x;
          hbb += w;
        }
        double det = haa * hbb - hab * hab;
        a -= (hbb * ga - hab * gb) / det;
        b -= (haa * gb - hab * ga) / det;
      }
      ab[k] = new double[] {a, b};
    }
    return row -> {
      double[] out = new double[classes];
      for (int k = 0; k < classes; k++) {
        out[k] = sigmoid(ab[k][0] * logit(row[k]) + ab[k][1]);
      }
      return normalised(out);
    };
  }

  /** Per class k: a non-decreasing step function of p_k fitted to 1[y = k] by pool-adjacent-violators. */
  private static Map1 isotonic(double[][] p, int[] y) {
    int classes = p[0].length;
    double[][] xs = new double[classes][];
    double[][] vs = new double[classes][];
    for (int k = 0; k < classes; k++) {
      final int c = k;
      Integer[] order = new Integer[p.length];
      Arrays.setAll(order, i -> i);
      Arrays.sort(order, (i, j) -> Double.compare(p[i][c], p[j][c]));
      double[] sum = new double[p.length];
      double[] weight = new double[p.length];
      double[] upper = new double[p.length];
      int blocks = 0;
      for (int i : order) {
        sum[blocks] = y[i] == c ? 1 : 0;
        weight[blocks] = 1;
        upper[blocks] = p[i][c];
        blocks++;
        while (blocks > 1 && sum[blocks - 2] / weight[blocks - 2] >= sum[blocks - 1] / weight[blocks - 1]) {
          sum[blocks - 2] += sum[blocks - 1];
          weight[blocks - 2] += weight[blocks - 1];
          upper[blocks - 2] = upper[blocks - 1];
          blocks--;
        }
      }
      xs[k] = Arrays.copyOf(upper, blocks);
      vs[k] = new double[blocks];
      for (int b = 0; b < blocks; b++) {
        vs[k][b] = sum[b] / weight[b];
      }
    }
    return row -> {
      double[] out = new double[classes];
      for (int k = 0; k < classes; k++) {
        int at = Arrays.binarySearch(xs[k], row[k]);
        int block = Math.min(xs[k].length - 1, at >= 0 ? at : -at - 1);
        out[k] = vs[k][block];
      }
      return normalised(out);
    };
  }

  private static double[] normalised(double[] q) {
    double sum = 0;
    for (int k = 0; k < q.length; k++) {
      q[k] = Math.max(q[k], 1e-6);
      sum += q[k];
    }
    for (int k = 0; k < q.length; k++) {
      q[k] /= sum;
    }
    return q;
  }

  private static double logit(double v) {
    double c = Math.min(1 - 1e-9, Math.max(1e-9, v));
    return Math.log(c / (1 - c));
  }

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  private static void print(String name, double[][] q, int[] y) {
    CalibrationMetrics.Result r = CalibrationMetrics.of(q, y);
    int[] predicted = Arrays.stream(q).mapToInt(CalibrationMetrics::argmax).toArray();
    System.out.printf(Locale.ROOT, "%-48s ECE %.4f  NLL %.4f  mean confidence %.4f  accuracy %.4f  macro-F1 %.4f%n",
        name, r.ece(), r.nll(), r.meanConfidence(), r.accuracy(), macroF1(predicted, y, q[0].length));
  }

  private static double macroF1(int[] predicted, int[] y, int classes) {
    double sum = 0;
    for (int k = 0; k < classes; k++) {
      int tp = 0;
      int fp = 0;
      int fn = 0;
      for (int i = 0; i < y.length; i++) {
        tp += predicted[i] == k && y[i] == k ? 1 : 0;
        fp += predicted[i] == k && y[i] != k ? 1 : 0;
        fn += predicted[i] != k && y[i] == k ? 1 : 0;
      }
      sum += tp == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn);
    }
    return sum / classes;
  }
}
