package dev.songmood.tables;

import dev.songmood.io.HadoopFiles;
import io.delta.tables.DeltaTable;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** What the three tables share: opening a path that must be a Delta table or nothing, and the last commit's metrics. */
final class DeltaTables {
  private DeltaTables() {
  }

  /**
   * The Delta table at {@code path}, empty when nothing is there yet. Fails before any work when something else is
   * there (an older run's plain Parquet directory, say), instead of writing a table over it.
   */
  static Optional<DeltaTable> open(SparkSession spark, String path) {
    if (DeltaTable.isDeltaTable(spark, path)) {
      return Optional.of(DeltaTable.forPath(spark, path));
    }
    if (new HadoopFiles(spark).exists(path)) {
      throw new IllegalArgumentException(path + " exists but is not a Delta table (an output of an older "
          + "songmood, or another file); write to a new --out, or move it away");
    }
    return Optional.empty();
  }

  /** The table's current version (-1 when there is none). */
  static long version(SparkSession spark, String path) {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return -1;
    }
    return DeltaTable.forPath(spark, path).history(1).first().getLong(0);
  }

  /** The operation metrics of the table's latest commit (numTargetRowsInserted and the like). */
  static Map<String, String> lastMetrics(DeltaTable table) {
    Row last = table.history(1).select("operationMetrics").first();
    if (last.isNullAt(0)) {
      return Map.of();
    }
    return last.<String, String>getJavaMap(0);
  }

  static long metric(Map<String, String> metrics, String name) {
    String v = metrics.get(name);
    return v == null ? 0L : Long.parseLong(v);
  }
}
