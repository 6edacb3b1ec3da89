package dev.songmood.metrics;

import static org.apache.spark.sql.functions.col;

import dev.songmood.Quadrant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Counts (actual, predicted) pairs with Spark, on the executors; only the 16 cells come back to the driver.
 */
public final class ConfusionCounts {
  private ConfusionCounts() {
  }

  public static long[][] of(Dataset<Row> scored, String labelCol, String predictionCol) {
    List<Row> cells = scored
        .where(col(labelCol).isNotNull())
        .groupBy(col(labelCol).cast("int").as("a"), col(predictionCol).cast("int").as("p"))
        .count()
        .collectAsList();
    long[][] counts = new long[Quadrant.COUNT][Quadrant.COUNT];
    for (Row r : cells) {
      counts[r.getInt(0)][r.getInt(1)] += r.getLong(2);
    }
    return counts;
  }

  public static ClassificationReport report(Dataset<Row> scored, String labelCol, String predictionCol) {
    return ClassificationReport.of(of(scored, labelCol, predictionCol));
  }
}
