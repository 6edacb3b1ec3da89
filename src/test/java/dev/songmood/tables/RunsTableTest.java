package dev.songmood.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import io.delta.tables.DeltaTable;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/** A run is marked interrupted only by a later run holding the lock, with the proof in its error; never itself. */
class RunsTableTest extends SparkTestBase {
  private Map<String, String[]> rows(String path) {
    Map<String, String[]> byId = new TreeMap<>();
    for (Row r : spark.read().format("delta").load(path).collectAsList()) {
      byId.put(r.getAs("run_id"), new String[] {r.getAs("status"), r.getAs("error")});
    }
    return byId;
  }

  @Test
  void runsLeftRunningAreMarkedInterruptedWithTheProof() {
    String path = tmp.resolve("runs").toString();
    RunsTable runs = new RunsTable(spark, path);
    runs.start("a", "full", "m", List.of("in"), Optional.empty(), false);
    runs.start("b", "full", "m", List.of("in"), Optional.of("a: its process (pid 1 on h) is gone"), false);
    Map<String, String[]> after = rows(path);
    assertEquals("interrupted", after.get("a")[0]);
    assertEquals("interrupted: run b took over its lock, a: its process (pid 1 on h) is gone", after.get("a")[1]);
    assertEquals("running", after.get("b")[0]);
    assertNull(after.get("b")[1]);

    runs.start("c", "full", "m", List.of("in"), Optional.empty(), false);
    after = rows(path);
    assertEquals("interrupted", after.get("b")[0]);
    assertTrue(after.get("b")[1].contains("released it without a final status"), after.get("b")[1]);
    assertTrue(after.get("a")[1].contains("took over its lock"), "an earlier verdict stays: " + after.get("a")[1]);

    runs.finish("c", new RunsTable.Outcome(RunsTable.FAILED, Map.of(), Map.of(), Map.of(), 1.0, -1,
        "IOException: disk full"));
    assertEquals("failed", rows(path).get("c")[0]);
    assertEquals("IOException: disk full", rows(path).get("c")[1]);
  }

  @Test
  void aTableWithNoCommitYetIsOneAnotherRunIsCreating() throws Exception {
    Files.createDirectories(tmp.resolve("runs/_delta_log"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new RunsTable(spark, tmp.resolve("runs").toString()));
    assertTrue(e.getMessage().startsWith("another run is creating the table"), e.getMessage());
    Files.writeString(tmp.resolve("runs/part-0.parquet"), "x");
    e = assertThrows(IllegalArgumentException.class, () -> new RunsTable(spark, tmp.resolve("runs").toString()));
    assertTrue(e.getMessage().contains("is not a Delta table"), e.getMessage());
  }

  private static final RunsTable.Outcome DONE = new RunsTable.Outcome(RunsTable.SUCCEEDED, Map.of("read", 10L,
      "labelled", 8L, "unchanged", 1L, "quarantined", 1L, "removed", 0L, "uncertain", 2L), Map.of("empty_lyrics", 1L),
      Map.of("read", 1.0, "label", 4.0), 5.0, 3L, null);

  private Row row(String path, String runId) {
    List<Row> rows = spark.read().format("delta").load(path).where(functions.col("run_id").equalTo(runId))
        .collectAsList();
    assertEquals(1, rows.size(), "one row per run: " + rows);
    return rows.get(0);
  }

  /** The lines of one commit of the table's log. */
  private static List<String> commit(String path, long version) {
    try {
      return Files.readAllLines(java.nio.file.Path.of(path, "_delta_log", String.format("%020d.json", version)));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The one line of {@code lines} that starts with {@code prefix}. */
  private static String only(List<String> lines, String prefix) {
    List<String> found = lines.stream().filter(l -> l.startsWith(prefix)).toList();
    assertEquals(1, found.size(), prefix + " in " + lines);
    return found.get(0);
  }

  private long version(String path) {
    return DeltaTable.forPath(spark, path).history(1).first().getAs("version");
  }

  @Test
  void theFinalRowOfARunThisObjectStartedIsOneCommitWithTheUpdatesValues() {
    String path = tmp.resolve("runs").toString();
    RunsTable runs = new RunsTable(spark, path);
    runs.start("a", "incremental", "m1", List.of("in1", "in2"), Optional.empty(), true, 0.6);
    runs.start("b", "incremental", "m1", List.of("in1", "in2"), Optional.empty(), true, 0.6);
    java.sql.Timestamp startedAt = runs.startedAt("b").orElseThrow();
    long started = version(path);
    runs.finish("b", DONE);
    assertEquals(started + 1, version(path), "one commit");
    List<String> startCommit = commit(path, started);
    List<String> finishCommit = commit(path, started + 1);
    String runningFile = only(startCommit, "{\"add\"").replaceAll(".*\"path\":\"([^\"]+)\".*", "$1");
    assertTrue(only(finishCommit, "{\"remove\"").contains("\"path\":\"" + runningFile + "\""),
        "the file of the running row goes: " + finishCommit);
    only(finishCommit, "{\"add\"");
    // the same outcome through the UPDATE (a RunsTable that did not start the run): the same row
    new RunsTable(spark, path).finish("a", DONE);
    Row swapped = row(path, "b");
    Row updated = row(path, "a");
    for (String column : RunsTable.SCHEMA.fieldNames()) {
      if (!List.of("run_id", "started_at", "finished_at").contains(column)) {
        assertEquals(String.valueOf((Object) updated.getAs(column)), String.valueOf((Object) swapped.getAs(column)),
            column);
      }
    }
    assertEquals("succeeded", swapped.getAs("status"));
    assertEquals(2.0, (double) swapped.getAs("songs_per_second"));
    assertEquals(0.6, (double) swapped.getAs("min_confidence"));
    assertEquals(startedAt, swapped.getAs("started_at"));
    assertTrue(!((java.sql.Timestamp) swapped.getAs("finished_at")).before(startedAt));
    assertEquals(2, spark.read().format("delta").load(path).count());
  }

  @Test
  void aRunningRowRewrittenSinceItsStartIsUpdatedInstead() {
    String path = tmp.resolve("runs").toString();
    RunsTable runs = new RunsTable(spark, path);
    runs.start("a", "full", "m", List.of("in"), Optional.empty(), true);
    // another writer rewrote the file the running row was appended in (an UPDATE here, OPTIMIZE alike)
    DeltaTable.forPath(spark, path).update(functions.col("run_id").equalTo("a"),
        Map.of("model_version", functions.lit("m2")));
    runs.finish("a", DONE);
    Row r = row(path, "a");
    assertEquals("succeeded", r.getAs("status"));
    assertEquals("m2", r.getAs("model_version"), "the row as it is now, updated in place");
    assertEquals(8L, (long) r.getAs("labelled"));
  }
}
