package dev.songmood.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs side by side, each through {@code submit.sh} in its own JVM: three launched at the same moment on three
 * outputs all succeed (no launch reads a file another is writing); two on one output: the second stops before any
 * work, naming the first, which ends {@code succeeded} with its row the only one in the runs table.
 */
class ConcurrentRunsIT {
  private static final Path PROJECT = SubmitLabel.PROJECT;
  private static SparkSession spark;

  @TempDir
  Path tmp;
  private SubmitLabel launcher;

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @BeforeEach
  void launcher() {
    launcher = new SubmitLabel(tmp, "1g");
  }

  /** The class data sharing archive and its recordings under target/. */
  private static List<Path> archives() throws IOException {
    try (var files = Files.list(PROJECT.resolve("target"))) {
      return files.filter(p -> p.getFileName().toString().matches("songmood-.*\\.jsa(\\..*\\.partial)?")).toList();
    }
  }

  @Test
  void threeJobsLaunchedAtOnceAllSucceed() throws Exception {
    Files.deleteIfExists(PROJECT.resolve("target/local-classpath.args"));  // every launch finds it to write
    for (Path archive : archives()) {  // and no class archive: one launch records it, the others do not wait
      Files.delete(archive);
    }
    Path catalog = launcher.catalog(20);
    List<Process> jobs = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      jobs.add(launcher.start(catalog, tmp.resolve("out" + i), "job" + i));
    }
    for (int i = 1; i <= 3; i++) {
      Process job = jobs.get(i - 1);
      assertTrue(job.waitFor(8, TimeUnit.MINUTES), "job" + i + " still running: " + launcher.log("job" + i));
      assertEquals(0, job.exitValue(), "job" + i + ": " + launcher.log("job" + i));
      System.out.println("job" + i + ": exit 0, " + launcher.stdout("job" + i).lines()
          .findFirst().orElse(""));
    }
    long recorders = 0;
    for (int i = 1; i <= 3; i++) {
      recorders += launcher.log("job" + i).contains("records the classes it loads") ? 1 : 0;
    }
    assertEquals(1, recorders, "exactly one launch records the class archive");
    assertEquals(1, archives().size(), "one recording: " + archives());
    // The next launch checks the recording, puts it in place and starts from it (a night with nothing to do).
    Process again = launcher.start(catalog, tmp.resolve("out1"), "again");
    assertTrue(again.waitFor(5, TimeUnit.MINUTES), launcher.log("again"));
    assertEquals(0, again.exitValue(), launcher.log("again"));
    assertTrue(launcher.log("again").contains("nothing changed since run"), launcher.log("again"));
    List<Path> after = archives();
    assertTrue(after.size() == 1 && after.get(0).toString().endsWith(".jsa"), "the archive in place: " + after);
  }

  @Test
  void aSecondRunOnTheSameOutputStopsAndTheRunsTableStaysTrue() throws Exception {
    Path out = tmp.resolve("tables");
    Process first = launcher.start(launcher.catalog(400), out, "first");
    long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(4);
    while (!Files.exists(out.resolve("_lock"))) {
      assertTrue(first.isAlive() && System.currentTimeMillis() < deadline, launcher.log("first"));
      Thread.sleep(100);
    }
    Thread.sleep(3_000);  // as reported: the second run started 3 s after the first, whose tables are being made
    Process second = launcher.start(launcher.catalog(20), out, "second");
    assertTrue(second.waitFor(5, TimeUnit.MINUTES), launcher.log("second"));
    assertEquals(2, second.exitValue(), launcher.log("second"));
    String refused = launcher.log("second");
    assertTrue(refused.contains("another run is using"), refused);
    assertTrue(first.isAlive(), "the first run is still labelling: " + launcher.log("first"));
    assertTrue(first.waitFor(8, TimeUnit.MINUTES), launcher.log("first"));
    assertEquals(0, first.exitValue(), launcher.log("first"));

    if (spark == null) {
      spark = TableReader.session("ConcurrentRunsIT-reader");
    }
    List<Row> runs = spark.read().format("delta").load(out.resolve("runs").toString()).orderBy("started_at")
        .collectAsList();
    System.out.println("second run: " + refused.lines().filter(l -> l.contains("another run is using")).findFirst()
        .orElse(""));
    spark.read().format("delta").load(out.resolve("runs").toString())
        .select("run_id", "status", "read", "labelled", "quarantined", "error").show(false);
    assertEquals(1, runs.size(), "the refused run did nothing and wrote no row");
    assertEquals("succeeded", runs.get(0).getAs("status"));
    assertEquals(400L, (long) runs.get(0).<Long>getAs("read"));
  }
}
