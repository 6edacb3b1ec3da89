package dev.songmood.tables;

import static org.apache.spark.sql.functions.lit;

import dev.songmood.config.Fields;
import dev.songmood.config.SqlText;
import io.delta.tables.DeltaTable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The predictions table ({@link dev.songmood.label.Predictions} schema), one row per song id. A night's newly
 * labelled songs and the songs that must leave the table (their lyrics are now rejected) go in through one MERGE,
 * that is one atomic commit; a night with nothing to change makes no commit at all, so a rerun leaves the table
 * exactly as it was.
 */
public final class PredictionsTable {
  private static final String DELETE = "_delete";

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

  /**
   * Upserts {@code labelled} (by id) and deletes the rows of {@code removedIds} (a frame with an {@code id} column),
   * in one commit. The two must not share ids.
   */
  public Change publish(Dataset<Row> labelled, Dataset<Row> removedIds) {
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
    if (labelled.isEmpty() && removed.isEmpty()) {
      return new Change(0, 0, 0, DeltaTables.lastCommit(target).version());
    }
    Dataset<Row> source = labelled.withColumn(DELETE, lit(false))
        .unionByName(removed.withColumn(DELETE, lit(true)), true);
    Map<String, String> assign = new LinkedHashMap<>();
    for (String name : target.toDF().columns()) {
      assign.put(SqlText.identifier(name), "s." + SqlText.identifier(name));
    }
    target.as("t")
        .merge(source.as("s"), "t." + SqlText.identifier(Fields.ID) + " = s." + SqlText.identifier(Fields.ID))
        .whenMatched("s." + DELETE).delete()
        .whenMatched().updateExpr(assign)
        .whenNotMatched("NOT s." + DELETE).insertExpr(assign)
        .execute();
    DeltaTables.Commit c = DeltaTables.lastCommit(target);
    return new Change(c.metric("numTargetRowsInserted"), c.metric("numTargetRowsUpdated"),
        c.metric("numTargetRowsDeleted"), c.version());
  }
}
