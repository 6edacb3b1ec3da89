package dev.songmood.tables;

import dev.songmood.io.HadoopFiles;
import dev.songmood.io.StorageErrors;
import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What the tables share: opening a path that must be a Delta table or nothing, the last commit's metrics, and the
 * latest version from the log's listing alone.
 */
public final class DeltaTables {
  private DeltaTables() {
  }

  /**
   * The Delta table at {@code path}, empty when nothing is there yet. Fails before any work when something else is
   * there (an older run's plain Parquet directory, say), instead of writing a table over it.
   */
  static Optional<DeltaTable> open(SparkSession spark, String path) {
    boolean isTable;
    boolean exists;
    try {
      // One probe first: on an unreachable endpoint Delta's own check probes twice (the path, then its parent), each
      // through the whole S3A retry window.
      exists = new HadoopFiles(spark).exists(path);
      isTable = exists && DeltaTable.isDeltaTable(spark, path);
    } catch (Exception e) {  // Scala code throws checked IOExceptions (403, no bucket, no endpoint) undeclared
      throw StorageErrors.before("open the table", path, e);
    }
    if (isTable) {
      return Optional.of(DeltaTable.forPath(spark, path));
    }
    if (exists && beingCreated(spark, path)) {
      throw new IllegalArgumentException("another run is creating the table " + path + " (it has a _delta_log "
          + "with no commit yet): wait for that run to end and start again; if no run is going, one was killed "
          + "while creating it: delete " + path);
    }
    if (exists) {
      throw new IllegalArgumentException(path + " exists but is not a Delta table (an output of an older "
          + "songmood, or another file); write to a new --out, or move it away");
    }
    return Optional.empty();
  }

  /**
   * The table's latest committed version, -1 when it has none: the highest numbered commit file in
   * {@code _delta_log/}, found by one listing, without reading the log or starting a Spark job.
   */
  public static long latestVersion(HadoopFiles files, String path) {
    long latest = -1;
    for (String name : files.children(path + "/_delta_log")) {
      if (!name.endsWith(".json")) {
        continue;
      }
      String digits = name.substring(0, name.length() - ".json".length());
      if (digits.chars().allMatch(Character::isDigit) && !digits.isEmpty()) {
        latest = Math.max(latest, Long.parseLong(digits));
      }
    }
    return latest;
  }

  /** A table whose first commit is not written yet: an empty directory, or only an empty {@code _delta_log/}. */
  private static boolean beingCreated(SparkSession spark, String path) {
    HadoopFiles files = new HadoopFiles(spark);
    List<String> children = files.children(path);
    return children.isEmpty() || children.equals(List.of("_delta_log")) && files.children(path + "/_delta_log")
        .stream().noneMatch(name -> name.endsWith(".json") || name.endsWith(".checkpoint.parquet"));
  }

  /** The table's current version and the operation metrics of its latest commit (numTargetRowsInserted...). */
  record Commit(long version, Map<String, String> metrics) {
    long metric(String name) {
      String v = metrics.get(name);
      return v == null ? 0L : Long.parseLong(v);
    }
  }

  static Commit lastCommit(DeltaTable table) {
    Row last = table.history(1).select("version", "operationMetrics").first();
    return new Commit(last.getLong(0), last.isNullAt(1) ? Map.of() : last.<String, String>getJavaMap(1));
  }
}
