package dev.songmood.tables;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The runs table: one row per label run, appended as {@code running} when the run starts and completed when it
 * ends ({@code succeeded} or {@code failed}, with the error's first line: whenever its JVM lives to write it). A
 * run killed before it could say so is marked {@code interrupted} by the next run, which says in {@code error} how
 * it knows the run is dead ({@link #start}); never a live one. A night with nothing to do is appended once, final
 * ({@link #appendFinished}), and so is a {@link #RESTORE}. Counts: read = labelled + unchanged + quarantined;
 * {@code uncertain}: the songs of the predictions table marked uncertain after the run, under its threshold
 * {@code min_confidence} (null: none). Those two columns came later: a table written before them gains them at its
 * next run's first append (Delta's schema merge), its older rows reading null.
 */
public final class RunsTable {
  public static final String RUNNING = "running";
  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";
  public static final String INTERRUPTED = "interrupted";
  /** Modes: every song, the new and changed ones, or none because nothing changed ({@code label}'s QuietNight). */
  public static final String FULL = "full";
  public static final String INCREMENTAL = "incremental";
  public static final String UNCHANGED = "unchanged";
  /** A {@code restore} of the tables to an earlier version: mode restore, status restored, one final row. */
  public static final String RESTORE = "restore";
  public static final String RESTORED = "restored";

  public static final StructType SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType, false)
      .add("status", DataTypes.StringType, false)
      .add("mode", DataTypes.StringType, false)
      .add("model_version", DataTypes.StringType, false)
      .add("input_paths", DataTypes.StringType, false)
      .add("started_at", DataTypes.TimestampType, true)
      .add("finished_at", DataTypes.TimestampType, true)
      .add("read", DataTypes.LongType, true)
      .add("labelled", DataTypes.LongType, true)
      .add("unchanged", DataTypes.LongType, true)
      .add("quarantined", DataTypes.LongType, true)
      .add("removed", DataTypes.LongType, true)
      .add("quarantined_by_reason", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), true)
      .add("seconds", DataTypes.DoubleType, true)
      .add("seconds_by_stage", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType), true)
      .add("songs_per_second", DataTypes.DoubleType, true)
      .add("predictions_version", DataTypes.LongType, true)
      .add("error", DataTypes.StringType, true)
      .add("uncertain", DataTypes.LongType, true)
      .add("min_confidence", DataTypes.DoubleType, true);

  private final SparkSession spark;
  private final String path;
  /** The run this object started: its running row's values, and the commit that appended it (see finish). */
  private Row started;
  private java.util.Optional<RunRowSwap> swap = java.util.Optional.empty();

  public RunsTable(SparkSession spark, String path) {
    this.spark = spark;
    this.path = path;
    DeltaTables.open(spark, path);
  }

  public String path() {
    return path;
  }

  /**
   * Marks the runs this table still says are running as interrupted, then appends this run as running. Call it
   * holding the output's lock ({@link dev.songmood.io.RunLock}): a live run holds that lock from before its row
   * is appended until after its final status is written, so a run the table says is running while another holds
   * the lock is proven dead, by one of two proofs, which its {@code error} names: its lock was taken over
   * ({@code takenOver}: "RUN_ID: why", its process gone from this host or its heartbeat silent too long), or it
   * had released the lock without a final status (its JVM ended before it could write one). With
   * {@code lastEndedWell} the caller knows that every earlier run wrote its final row (label's
   * {@code QuietNight} state is there only then), and the table is not searched for rows still running.
   */
  public void start(String runId, String mode, String modelVersion, List<String> inputPaths,
      java.util.Optional<String> takenOver, boolean lastEndedWell) {
    start(runId, mode, modelVersion, inputPaths, takenOver, lastEndedWell, null);
  }

  /** {@link #start} of a run with a confidence threshold ({@code minConfidence}, null for none). */
  public void start(String runId, String mode, String modelVersion, List<String> inputPaths,
      java.util.Optional<String> takenOver, boolean lastEndedWell, Double minConfidence) {
    if (!(lastEndedWell && takenOver.isEmpty()) && DeltaTable.isDeltaTable(spark, path)) {
      DeltaTable runs = DeltaTable.forPath(spark, path);
      Column left = col("status").equalTo(RUNNING).and(col("run_id").notEqual(runId));
      if (!runs.toDF().where(left).isEmpty()) {
        String released = "interrupted: found running by run " + runId + ", which took the free lock of --out "
            + "(the run released it without a final status)";
        Column error = lit(released);
        if (takenOver.isPresent()) {
          String holder = takenOver.get().substring(0, takenOver.get().indexOf(':'));
          error = functions.when(col("run_id").equalTo(holder), lit("interrupted: run " + runId + " took over "
              + "its lock, " + takenOver.get())).otherwise(error);
        }
        runs.update(left, Map.of("status", lit(INTERRUPTED), "error", error));
      }
    }
    Row row = RowFactory.create(runId, RUNNING, mode, modelVersion, String.join(",", inputPaths),
        new java.sql.Timestamp(System.currentTimeMillis()), null, null, null, null, null, null, null, null, null,
        null, null, null, null, minConfidence);
    spark.createDataFrame(List.of(row), SCHEMA).write().format("delta").mode("append").option("mergeSchema", "true")
        .save(path);
    started = row;
    swap = RunRowSwap.afterStart(spark, path);
  }

  /** The outcome of a run, for {@link #finish}. */
  public record Outcome(String status, Map<String, Long> counts, Map<String, Long> quarantinedByReason,
      Map<String, Double> secondsByStage, double seconds, long predictionsVersion, String error) {
  }

  /**
   * The run's final status and numbers. For the run this object started, one commit swaps its running row for the
   * final one ({@link RunRowSwap}); otherwise, or where that cannot be done safely, a Delta UPDATE of its row.
   */
  public void finish(String runId, Outcome o) {
    if (started != null && started.getString(0).equals(runId) && swap.isPresent()) {
      Map<String, Long> c = o.counts();
      Long labelled = c.get("labelled");
      Double label = o.secondsByStage().get("label");
      Row row = RowFactory.create(runId, o.status(), started.get(2), started.get(3), started.get(4), started.get(5),
          new java.sql.Timestamp(System.currentTimeMillis()), c.get("read"), labelled, c.get("unchanged"),
          c.get("quarantined"), c.get("removed"), o.quarantinedByReason(), o.seconds(), o.secondsByStage(),
          labelled == null || label == null || label <= 0 ? null : labelled / label, o.predictionsVersion(),
          o.error(), c.get("uncertain"), started.get(19));
      boolean swapped = swap.get().commit(spark.createDataFrame(List.of(row), SCHEMA), runId);
      swap = java.util.Optional.empty();
      if (swapped) {
        return;
      }
    }
    Map<String, Column> set = new LinkedHashMap<>();
    set.put("status", lit(o.status()));
    set.put("finished_at", current_timestamp());
    for (String count : List.of("read", "labelled", "unchanged", "quarantined", "removed", "uncertain")) {
      Long v = o.counts().get(count);
      set.put(count, lit(v).cast(DataTypes.LongType));
    }
    set.put("quarantined_by_reason", mapOf(o.quarantinedByReason(), "bigint"));
    set.put("seconds_by_stage", mapOf(o.secondsByStage(), "double"));
    set.put("seconds", lit(o.seconds()));
    Long labelled = o.counts().get("labelled");
    Double label = o.secondsByStage().get("label");
    set.put("songs_per_second", labelled == null || label == null || label <= 0 ? lit(null).cast("double")
        : lit(labelled / label));
    set.put("predictions_version", lit(o.predictionsVersion()));
    set.put("error", lit(o.error()).cast(DataTypes.StringType));
    DeltaTable.forPath(spark, path).update(col("run_id").equalTo(runId), set);
  }

  /**
   * Appends a run that ended as soon as it began (a night with nothing to do, {@link #UNCHANGED}): one final row,
   * one commit, no {@code running} row before it.
   */
  public void appendFinished(String runId, String mode, String modelVersion, List<String> inputPaths, Outcome o) {
    appendFinished(runId, mode, modelVersion, inputPaths, o, null);
  }

  /** {@link #appendFinished} of a run with a confidence threshold ({@code minConfidence}, null for none). */
  public void appendFinished(String runId, String mode, String modelVersion, List<String> inputPaths, Outcome o,
      Double minConfidence) {
    long now = System.currentTimeMillis();
    Map<String, Long> c = o.counts();
    Row row = RowFactory.create(runId, o.status(), mode, modelVersion, String.join(",", inputPaths),
        new java.sql.Timestamp(now - Math.round(o.seconds() * 1000)), new java.sql.Timestamp(now), c.get("read"),
        c.get("labelled"), c.get("unchanged"), c.get("quarantined"), c.get("removed"), o.quarantinedByReason(),
        o.seconds(), o.secondsByStage(), null, o.predictionsVersion(), o.error(), c.get("uncertain"), minConfidence);
    spark.createDataFrame(List.of(row), SCHEMA).write().format("delta").mode("append").option("mergeSchema", "true")
        .save(path);
  }

  /** When run {@code runId} started (its row's {@code started_at}), empty when the table has no such run. */
  public java.util.Optional<java.sql.Timestamp> startedAt(String runId) {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return java.util.Optional.empty();
    }
    List<Row> rows = spark.read().format("delta").load(path).where(col("run_id").equalTo(runId))
        .select("started_at").collectAsList();
    return rows.isEmpty() || rows.get(0).isNullAt(0) ? java.util.Optional.empty()
        : java.util.Optional.of(rows.get(0).getTimestamp(0));
  }

  private static Column mapOf(Map<String, ? extends Number> values, String valueType) {
    List<Column> keys = values.keySet().stream().map(functions::lit).toList();
    List<Column> vals = values.values().stream().map(functions::lit).toList();
    return functions.map_from_arrays(
        functions.array(keys.toArray(new Column[0])).cast("array<string>"),
        functions.array(vals.toArray(new Column[0])).cast("array<" + valueType + ">"));
  }
}
