package dev.songmood.songs;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Partitions sized to the rows they hold. A data set that came through a shuffle has
 * {@code spark.sql.shuffle.partitions} partitions whatever its size, and an iterative learner (L-BFGS: one Spark
 * job per iteration) pays each partition's task on every iteration: 48 songs in 8 partitions trained 3x slower
 * than in one. Large data sets keep their partitioning.
 */
public final class Partitions {
  /** Fewest rows worth a partition of their own: below it, the task costs more than the rows. */
  public static final long MIN_ROWS_PER_PARTITION = 1_000;

  private Partitions() {
  }

  /** As below, counting the rows first (one pass: meant for cached data). */
  public static Dataset<Row> rightSized(Dataset<Row> data) {
    return rightSized(data, data.count());
  }

  /** {@code rows} (already counted) in at most one partition per {@link #MIN_ROWS_PER_PARTITION} rows. */
  public static Dataset<Row> rightSized(Dataset<Row> data, long rows) {
    int wanted = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (rows + MIN_ROWS_PER_PARTITION - 1)
        / MIN_ROWS_PER_PARTITION));
    return wanted < data.rdd().getNumPartitions() ? data.coalesce(wanted) : data;
  }
}
