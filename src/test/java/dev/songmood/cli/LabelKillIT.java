package dev.songmood.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A nightly {@code label} run killed with SIGKILL while it writes (no shutdown hook, no cleanup: as a lost machine or
 * an OOM killer would), through {@code submit.sh} in its own JVM: the published tables are exactly as before, the
 * runs table still says the run was running, and the rerun completes the night, marking the killed run interrupted.
 */
class LabelKillIT {
  private static final int SONGS = 600;
  private static SparkSession spark;

  @TempDir
  Path tmp;
  private SubmitLabel launcher;

  private static SparkSession spark() {
    if (spark == null) {
      spark = TableReader.session("LabelKillIT-reader");
    }
    return spark;
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @BeforeEach
  void launcher() {
    launcher = new SubmitLabel(tmp, "2g");
  }

  private List<Row> rows(Path table, String orderBy) {
    return spark().read().format("delta").load(table.toString()).orderBy(orderBy).collectAsList();
  }

  private static boolean anyFileUnder(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.anyMatch(p -> p.getFileName().toString().startsWith("part-"));
    }
  }

  @Test
  void killedWhileWritingLeavesTheTablesAsTheyWereAndTheRerunCompletesTheNight() throws Exception {
    Path out = tmp.resolve("tables");
    Path night1 = launcher.catalog(20);
    Process first = launcher.start(night1, out, "night1");
    assertTrue(first.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, first.exitValue(), launcher.log("night1"));
    List<Row> predictions = rows(out.resolve("predictions"), "id");
    List<Row> quarantine = rows(out.resolve("quarantine"), "fingerprint");
    assertFalse(predictions.isEmpty());

    Path night2 = launcher.catalog(SONGS);
    Process killed = launcher.start(night2, out, "killed");
    long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(4);
    while (!anyFileUnder(out.resolve("_staging"))) {
      assertTrue(killed.isAlive(), "the run ended before it wrote anything: " + launcher.log("killed"));
      assertTrue(System.currentTimeMillis() < deadline, "nothing written in 4 minutes: " + launcher.log("killed"));
      Thread.sleep(100);
    }
    killed.destroyForcibly();  // submit.sh execs java: this is SIGKILL to the job's JVM
    assertTrue(killed.waitFor(1, TimeUnit.MINUTES));
    assertTrue(anyFileUnder(out.resolve("_staging")), "killed mid-write: half-written files are left");

    assertEquals(predictions, rows(out.resolve("predictions"), "id"), "predictions exactly as published");
    assertEquals(quarantine, rows(out.resolve("quarantine"), "fingerprint"), "quarantine exactly as published");
    List<Row> runs = rows(out.resolve("runs"), "started_at");
    assertEquals(2, runs.size());
    assertEquals("running", runs.get(1).getAs("status"), "the killed run could not say more");

    Process rerun = launcher.start(night2, out, "rerun");
    assertTrue(rerun.waitFor(8, TimeUnit.MINUTES));
    assertEquals(0, rerun.exitValue(), launcher.log("rerun"));
    assertTrue(launcher.stdout("rerun").contains("labelled="
        + (SONGS - 20) + ", unchanged=" + predictions.size() + ", quarantined=8"), launcher.log("rerun"));
    List<Row> after = rows(out.resolve("predictions"), "id");
    assertEquals(SONGS - 8, after.size(), "every good song, once");
    assertEquals(after.size(), after.stream().map(r -> r.getAs("id")).distinct().count());
    assertFalse(Files.exists(out.resolve("_staging")), "the rerun removed the killed run's leftovers");
    List<String> statuses = rows(out.resolve("runs"), "started_at").stream()
        .map(r -> r.<String>getAs("status")).toList();
    assertEquals(List.of("succeeded", "interrupted", "succeeded"), statuses);
    String proof = rows(out.resolve("runs"), "started_at").get(1).getAs("error");
    assertTrue(proof.startsWith("interrupted: run ") && proof.contains("took over its lock")
        && proof.contains("its process"), "the proof it is dead: " + proof);
  }
}
