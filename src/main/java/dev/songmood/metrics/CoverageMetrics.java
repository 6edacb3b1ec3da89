package dev.songmood.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import dev.songmood.Quadrant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * Precision bought with coverage: the songs sorted by confidence (the largest probability), and for the most
 * confident {@link #COVERAGES} of them the accuracy, the macro-F1 over the four quadrants (as
 * {@link ClassificationReport}: a quadrant with no prediction or no song among them scores F1 0) and the confidence
 * threshold that keeps them: the lowest confidence kept.
 *
 * <p>Which songs a coverage {@code c} of {@code N} songs keeps: {@code k = ceil(c N)} (at least one), the threshold
 * {@code t} is the k-th largest confidence, and the row counts every song whose confidence is {@code >= t}. So the
 * row is exactly what a threshold of {@code t} does ({@code label --min-confidence t} marks the others uncertain):
 * songs tied with the k-th at the boundary are all kept, and the row's {@code songs} may exceed {@code k}. This
 * needs no tie-break order, so the table is the same whatever order the songs come in.
 */
public final class CoverageMetrics {
  /** The coverages of every table: the most confident 10%, 25%, 50%, 75% and all songs. */
  public static final List<Double> COVERAGES = List.of(0.1, 0.25, 0.5, 0.75, 1.0);
  /** Slack for {@code c N} computed in floating point (0.1 * 30 is 3.0000000000000004, not 3). */
  private static final double EPSILON = 1e-9;

  /** One coverage: the songs kept (confidence at or above {@code threshold}), their accuracy and macro-F1. */
  public record Level(double coverage, long songs, double threshold, double accuracy, double macroF1) {
    /** The share of all songs actually kept: {@code coverage} or a little more where ties straddle the threshold. */
    public double keptShare(long total) {
      return total == 0 ? 0 : (double) songs / total;
    }
  }

  /** The table of one set of songs: one level per coverage, in {@link #COVERAGES} order; no levels for no songs. */
  public record Result(long total, List<Level> levels) {
    /**
     * The table as the model's provenance holds it ({@code dev.songmood.model.CoverageTable} reads it back):
     * {@code {"split": .., "songs": N, "rows": [{"coverage", "songs", "threshold", "accuracy", "macro_f1"}..]}}.
     */
    public Map<String, Object> provenance(String split) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Level l : levels) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("coverage", l.coverage());
        row.put("songs", l.songs());
        row.put("threshold", l.threshold());
        row.put("accuracy", l.accuracy());
        row.put("macro_f1", l.macroF1());
        rows.add(row);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("split", split);
      out.put("songs", total);
      out.put("rows", rows);
      return out;
    }

    @Override
    public String toString() {
      StringBuilder s = new StringBuilder(total + " songs:");
      for (Level l : levels) {
        s.append(String.format(Locale.ROOT, " %.0f%%: %d songs >= %.4f acc %.4f macro-F1 %.4f;", l.coverage() * 100,
            l.songs(), l.threshold(), l.accuracy(), l.macroF1()));
      }
      return s.toString();
    }
  }

  private CoverageMetrics() {
  }

  /** The table of songs held on the driver: each song's confidence, predicted quadrant and true quadrant. */
  public static Result of(double[] confidence, int[] predicted, int[] truth) {
    int n = confidence.length;
    if (predicted.length != n || truth.length != n) {
      throw new IllegalArgumentException("confidence, predicted and truth need one value per song");
    }
    List<Level> levels = new ArrayList<>();
    if (n == 0) {
      return new Result(0, levels);
    }
    double[] sorted = confidence.clone();
    Arrays.sort(sorted);  // ascending: the k-th largest is sorted[n - k]
    for (double c : COVERAGES) {
      int k = (int) Math.max(1, Math.min(n, Math.ceil(c * n - EPSILON)));
      double threshold = sorted[n - k];
      long[][] counts = new long[Quadrant.COUNT][Quadrant.COUNT];
      long kept = 0;
      for (int i = 0; i < n; i++) {
        if (confidence[i] >= threshold) {
          counts[truth[i]][predicted[i]]++;
          kept++;
        }
      }
      ClassificationReport r = ClassificationReport.of(counts);
      levels.add(new Level(c, kept, threshold, r.accuracy(), r.macroF1()));
    }
    return new Result(n, List.copyOf(levels));
  }

  /**
   * The table of scored rows: a probability vector, a prediction and an integer-valued label column (rows without a
   * label or probabilities are left out). Three numbers per song come to the driver, as the held-out bootstrap's do:
   * the table needs the songs in confidence order, which a labelled evaluation set affords.
   */
  public static Result of(Dataset<Row> scored, String probabilityCol, String predictionCol, String labelCol) {
    UDF1<Vector, Double> top = v -> v.apply(v.argmax());
    List<Row> rows = scored.where(col(labelCol).isNotNull().and(col(probabilityCol).isNotNull()))
        .select(udf(top, DataTypes.DoubleType).apply(col(probabilityCol)), col(predictionCol).cast("int"),
            col(labelCol).cast("int"))
        .collectAsList();
    double[] confidence = new double[rows.size()];
    int[] predicted = new int[rows.size()];
    int[] truth = new int[rows.size()];
    for (int i = 0; i < confidence.length; i++) {
      confidence[i] = rows.get(i).getDouble(0);
      predicted[i] = rows.get(i).getInt(1);
      truth[i] = rows.get(i).getInt(2);
    }
    return of(confidence, predicted, truth);
  }

  /** The table of probability vectors held on the driver, each song's prediction its argmax. */
  public static Result of(double[][] probabilities, int[] truth) {
    double[] confidence = new double[truth.length];
    int[] predicted = new int[truth.length];
    for (int i = 0; i < truth.length; i++) {
      predicted[i] = CalibrationMetrics.argmax(probabilities[i]);
      confidence[i] = probabilities[i][predicted[i]];
    }
    return of(confidence, predicted, truth);
  }
}
