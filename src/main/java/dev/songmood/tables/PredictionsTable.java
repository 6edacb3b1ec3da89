package dev.songmood.tables;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import dev.songmood.input.Fields;
import dev.songmood.io.SqlText;
import io.delta.tables.DeltaTable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The predictions table ({@link dev.songmood.label.Predictions} schema), one row per song id. A night's newly
 * labelled songs and the songs that must leave the table (their lyrics are now rejected) go in through one MERGE,
 * that is one atomic commit; a night with nothing to change makes no commit at all, so a rerun leaves the table
 * exactly as it was.
 *
 * <p>{@value #UNCERTAIN} says whether a song's confidence is below the run's threshold ({@code --min-confidence} or
 * {@code --coverage}; false for every song without one). The same MERGE sets it again on the rows this run keeps
 * unchanged whose flag the run's threshold changes (rows of a table written before the column existed read null
 * and become false or true), so the whole table always follows the last run's threshold.
 */
public final class PredictionsTable {
  /** The flag of a song whose confidence is below the run's threshold, and the column it is read from. */
  public static final String UNCERTAIN = "uncertain";
  public static final String CONFIDENCE = "confidence";
  private static final String DELETE = "_delete";
  private static final String REFLAG = "_reflag";

  private final SparkSession spark;
  private final String path;
  private final Optional<DeltaTable> table;

  public PredictionsTable(SparkSession spark, String path) {
    this.spark = spark;
    this.path = path;
    this.table = DeltaTables.open(spark, path);
  }

  public String path() {
    return path;
  }

  /** The table as published before this run, if there is one. */
  public Optional<Dataset<Row>> current() {
    return table.map(DeltaTable::toDF);
  }

  /** What a publication changed; {@code version} is the table version after it (unchanged when nothing changed). */
  public record Change(long inserted, long updated, long removed, long version) {
    public boolean none() {
      return inserted + updated + removed == 0;
    }
  }

  /**
   * The table, with the columns {@code labelled} has and it lacks (a newer schema, e.g. valence/arousal) added as
   * nullable columns first: older rows read null there, and the MERGE below then writes them.
   */
  private DeltaTable withColumnsOf(DeltaTable target, Dataset<Row> labelled) {
    java.util.Set<String> have = new java.util.HashSet<>(java.util.Arrays.asList(target.toDF().columns()));
    java.util.List<String> added = new java.util.ArrayList<>();
    for (org.apache.spark.sql.types.StructField f : labelled.schema().fields()) {
      if (!have.contains(f.name())) {
        added.add(SqlText.identifier(f.name()) + " " + f.dataType().sql());
      }
    }
    if (added.isEmpty()) {
      return target;
    }
    spark.sql("ALTER TABLE " + SqlText.deltaPath(path) + " ADD COLUMNS (" + String.join(", ", added) + ")");
    return DeltaTable.forPath(spark, path);
  }

  /** Whether a song of this {@code confidence} is uncertain under {@code minConfidence} (null: no threshold). */
  public static Column uncertain(Column confidence, Double minConfidence) {
    return minConfidence == null ? lit(false) : confidence.lt(lit(minConfidence.doubleValue()));
  }

  /** Songs marked uncertain in the table as published now (0 when there is no table). */
  public long uncertainCount() {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return 0;
    }
    Dataset<Row> now = DeltaTable.forPath(spark, path).toDF();
    return java.util.Arrays.asList(now.columns()).contains(UNCERTAIN) ? now.where(col(UNCERTAIN)).count() : 0;
  }

  /**
   * The rows neither labelled nor removed whose {@value #UNCERTAIN} flag {@code minConfidence} changes (id and the
   * new flag); none when the rows have no confidence and flag (a table of another shape).
   */
  private static Dataset<Row> reflagged(Dataset<Row> current, Dataset<Row> labelled, Dataset<Row> removed,
      Double minConfidence) {
    Column flag = uncertain(col(CONFIDENCE), minConfidence);
    Dataset<Row> kept = current.join(labelled.select(Fields.ID), Fields.ID, "left_anti")
        .join(removed, Fields.ID, "left_anti");
    boolean flagged = java.util.Arrays.asList(current.columns()).containsAll(java.util.List.of(CONFIDENCE, UNCERTAIN));
    return (flagged ? kept.where(not(col(UNCERTAIN).eqNullSafe(flag))) : kept.where(lit(false)))
        .select(col(Fields.ID), (flagged ? flag : lit(false)).as(UNCERTAIN));
  }

  /** {@link #publish(Dataset, Dataset, Double)} with no confidence threshold. */
  public Change publish(Dataset<Row> labelled, Dataset<Row> removedIds) {
    return publish(labelled, removedIds, null);
  }

  /**
   * Upserts {@code labelled} (by id), deletes the rows of {@code removedIds} (a frame with an {@code id} column), and
   * sets {@value #UNCERTAIN} of every other row by {@code minConfidence} where it differs, in one commit.
   * {@code labelled} and {@code removedIds} must not share ids.
   */
  public Change publish(Dataset<Row> labelled, Dataset<Row> removedIds, Double minConfidence) {
    if (table.isEmpty()) {
      long n = labelled.count();
      if (n == 0) {
        return new Change(0, 0, 0, -1);
      }
      labelled.write().format("delta").mode("errorifexists").save(path);
      return new Change(n, 0, 0, DeltaTables.lastCommit(DeltaTable.forPath(spark, path)).version());
    }
    DeltaTable target = withColumnsOf(table.get(), labelled);
    Dataset<Row> present = target.toDF().select(Fields.ID);
    Dataset<Row> removed = removedIds.select(Fields.ID).distinct().join(present, Fields.ID, "left_semi");
    Dataset<Row> reflagged = reflagged(target.toDF(), labelled, removed, minConfidence);
    if (labelled.isEmpty() && removed.isEmpty() && reflagged.isEmpty()) {
      return new Change(0, 0, 0, DeltaTables.lastCommit(target).version());
    }
    Dataset<Row> source = labelled.withColumn(DELETE, lit(false)).withColumn(REFLAG, lit(false))
        .unionByName(removed.withColumn(DELETE, lit(true)).withColumn(REFLAG, lit(false)), true)
        .unionByName(reflagged.withColumn(DELETE, lit(false)).withColumn(REFLAG, lit(true)), true);
    Map<String, String> assign = new LinkedHashMap<>();
    for (String name : target.toDF().columns()) {
      assign.put(SqlText.identifier(name), "s." + SqlText.identifier(name));
    }
    io.delta.tables.DeltaMergeBuilder merge = target.as("t")
        .merge(source.as("s"), "t." + SqlText.identifier(Fields.ID) + " = s." + SqlText.identifier(Fields.ID))
        .whenMatched("s." + DELETE).delete();
    if (assign.containsKey(SqlText.identifier(UNCERTAIN))) {  // reflagged rows change their flag only
      merge = merge.whenMatched("s." + REFLAG).updateExpr(Map.of(SqlText.identifier(UNCERTAIN), "s."
          + SqlText.identifier(UNCERTAIN)));
    }
    merge.whenMatched().updateExpr(assign)
        .whenNotMatched("NOT s." + DELETE + " AND NOT s." + REFLAG).insertExpr(assign)
        .execute();
    DeltaTables.Commit c = DeltaTables.lastCommit(target);
    return new Change(c.metric("numTargetRowsInserted"), c.metric("numTargetRowsUpdated"),
        c.metric("numTargetRowsDeleted"), c.version());
  }
}
