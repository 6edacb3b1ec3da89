package dev.songmood.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.songmood.Quadrant;
import dev.songmood.input.Fields;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Balanced class weights, n / (k * n_c), as scikit-learn's class_weight="balanced": every class contributes the
 * same total weight to the loss, whatever its size.
 */
public final class ClassWeights {
  private ClassWeights() {
  }

  /** Weight per quadrant id from label counts; a class absent from the data gets weight 0. */
  public static double[] balanced(long[] counts) {
    long n = 0;
    int present = 0;
    for (long c : counts) {
      n += c;
      present += c > 0 ? 1 : 0;
    }
    double[] w = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      w[i] = counts[i] == 0 ? 0 : (double) n / ((double) present * counts[i]);
    }
    return w;
  }

  public static long[] counts(Dataset<Row> labelled) {
    long[] counts = new long[Quadrant.COUNT];
    List<Row> rows = labelled.groupBy(col(Fields.QUADRANT)).count().collectAsList();
    for (Row r : rows) {
      counts[r.getInt(0)] = r.getLong(1);
    }
    return counts;
  }

  /**
   * Balances classes by sampling: each class is resampled (with replacement) to the size of the largest, for
   * trainers that take no sample weights.
   */
  public static Dataset<Row> oversample(Dataset<Row> labelled, long seed) {
    long[] counts = counts(labelled);
    long max = java.util.Arrays.stream(counts).max().orElse(0);
    Dataset<Row> out = null;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 0) {
        continue;
      }
      Dataset<Row> cls = labelled.where(col(Fields.QUADRANT).equalTo(i));
      Dataset<Row> extra = counts[i] == max ? cls
          : cls.unionByName(cls.sample(true, (double) (max - counts[i]) / counts[i], seed + i));
      out = out == null ? extra : out.unionByName(extra);
    }
    return out == null ? labelled : out;
  }

  /** Adds {@link Fields#WEIGHT} computed from the data's own class counts. */
  public static Dataset<Row> add(Dataset<Row> labelled) {
    double[] w = balanced(counts(labelled));
    Column weight = lit(0.0);
    for (int i = w.length - 1; i >= 0; i--) {
      weight = when(col(Fields.QUADRANT).equalTo(i), lit(w[i])).otherwise(weight);
    }
    return labelled.withColumn(Fields.WEIGHT, weight);
  }
}
