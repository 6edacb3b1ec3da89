package dev.songmood.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
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
}
