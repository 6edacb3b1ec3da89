package dev.songmood.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;

/**
 * Whether a model's probabilities mean what they say: songs binned by confidence (the largest probability) into
 * {@value #BINS_DEFAULT} equal-width bins over [0, 1], each bin's mean confidence and accuracy (the argmax is the
 * label), the expected calibration error {@code ECE = sum_b (n_b / N) |acc_b - conf_b|} (Guo et al. 2017) and the
 * mean negative log-likelihood of the labels. Counted with Spark; only the bins come back to the driver.
 */
public final class CalibrationMetrics {
  /** Equal-width confidence bins of the reports and of the calibration fit's own measurements. */
  public static final int BINS_DEFAULT = 10;
  /** Smallest probability a log-likelihood takes, so that one confident mistake costs log(1e15), not infinity. */
  public static final double MIN_PROBABILITY = 1e-15;
  /** The names of a calibrated model's two series in reports: its probabilities without and with calibration. */
  public static final String UNCALIBRATED = "uncalibrated";
  public static final String CALIBRATED = "calibrated";

  /** One confidence bin [lower, upper); the last one includes 1. Mean confidence and accuracy are 0 when empty. */
  public record Bin(double lower, double upper, long count, double meanConfidence, double accuracy) {
    public boolean empty() { return count == 0; }
  }

  /** The bins, and what they add up to. */
  public record Result(List<Bin> bins, long total, double ece, double nll, double meanConfidence, double accuracy) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "ECE %.4f over %d bins, NLL %.4f, mean confidence %.4f, accuracy %.4f "
          + "(%d songs)", ece, bins.size(), nll, meanConfidence, accuracy, total);
    }
  }

  private CalibrationMetrics() {
  }

  /** The bin of a confidence: floor(confidence * bins), with 1.0 in the last bin. */
  public static int bin(double confidence, int bins) {
    return Math.max(0, Math.min(bins - 1, (int) Math.floor(confidence * bins)));
  }

  /** Metrics of probability vectors held on the driver (the calibration fit's validation songs). */
  public static Result of(double[][] probabilities, int[] labels) {
    int bins = BINS_DEFAULT;
    long[] n = new long[bins];
    double[] confidence = new double[bins];
    double[] correct = new double[bins];
    double logLikelihood = 0;
    for (int i = 0; i < labels.length; i++) {
      int argmax = argmax(probabilities[i]);
      double top = probabilities[i][argmax];
      int b = bin(top, bins);
      n[b]++;
      confidence[b] += top;
      correct[b] += argmax == labels[i] ? 1 : 0;
      logLikelihood += Math.log(Math.max(probabilities[i][labels[i]], MIN_PROBABILITY));
    }
    return summed(n, confidence, correct, labels.length == 0 ? 0 : -logLikelihood / labels.length);
  }

  /** Metrics of scored rows: a probability vector column and an integer-valued label column. */
  public static Result of(Dataset<Row> scored, String probabilityCol, String labelCol) {
    int bins = BINS_DEFAULT;
    UDF1<Vector, Double> top = v -> v.apply(v.argmax());
    UDF2<Vector, Integer, Double> hit = (v, y) -> v.argmax() == y ? 1.0 : 0.0;
    UDF2<Vector, Integer, Double> logP = (v, y) -> Math.log(Math.max(v.apply(y), MIN_PROBABILITY));
    Dataset<Row> rows = scored.where(col(labelCol).isNotNull().and(col(probabilityCol).isNotNull()))
        .select(col(probabilityCol).as("p"), col(labelCol).cast("int").as("y"))
        .withColumn("conf", udf(top, DataTypes.DoubleType).apply(col("p")));
    List<Row> cells = rows
        .groupBy(least(floor(col("conf").multiply(bins)).cast("int"), lit(bins - 1)).as("bin"))
        .agg(count(lit(1)), sum("conf"), sum(udf(hit, DataTypes.DoubleType).apply(col("p"), col("y"))),
            sum(udf(logP, DataTypes.DoubleType).apply(col("p"), col("y"))))
        .collectAsList();
    long[] n = new long[bins];
    double[] confidence = new double[bins];
    double[] correct = new double[bins];
    double logLikelihood = 0;
    long total = 0;
    for (Row r : cells) {
      int b = Math.max(0, r.getInt(0));
      n[b] += r.getLong(1);
      confidence[b] += r.getDouble(2);
      correct[b] += r.getDouble(3);
      logLikelihood += r.getDouble(4);
      total += r.getLong(1);
    }
    return summed(n, confidence, correct, total == 0 ? 0 : -logLikelihood / total);
  }

  /** Bins and ECE from per-bin counts and sums of confidence and of correct answers. */
  static Result summed(long[] n, double[] confidence, double[] correct, double nll) {
    int bins = n.length;
    long total = 0;
    double allConfidence = 0;
    double allCorrect = 0;
    for (int b = 0; b < bins; b++) {
      total += n[b];
      allConfidence += confidence[b];
      allCorrect += correct[b];
    }
    List<Bin> out = new ArrayList<>();
    double ece = 0;
    for (int b = 0; b < bins; b++) {
      double conf = n[b] == 0 ? 0 : confidence[b] / n[b];
      double acc = n[b] == 0 ? 0 : correct[b] / n[b];
      out.add(new Bin((double) b / bins, (double) (b + 1) / bins, n[b], conf, acc));
      ece += total == 0 ? 0 : (double) n[b] / total * Math.abs(acc - conf);
    }
    return new Result(List.copyOf(out), total, ece, nll, total == 0 ? 0 : allConfidence / total,
        total == 0 ? 0 : allCorrect / total);
  }

  /** The index of the largest value, the first on ties (as {@link Vector#argmax()}). */
  public static int argmax(double[] p) {
    int best = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i] > p[best]) {
        best = i;
      }
    }
    return best;
  }
}
