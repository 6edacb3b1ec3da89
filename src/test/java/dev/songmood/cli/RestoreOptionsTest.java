package dev.songmood.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.io.RunLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code restore}'s refusals come before any Spark session: bad options, no table, and a live run's lock. */
class RestoreOptionsTest {
  @TempDir
  Path tmp;

  @Test
  void refusesWhileARunHoldsTheLockBeforeSparkStarts() throws Exception {
    Path out = tmp.resolve("tables");
    Files.createDirectories(out.resolve("predictions/_delta_log"));
    try (RunLock held = RunLock.take(new Configuration(), out.toString(), "nightly-in-progress",
        Duration.ofSeconds(120))) {
      UsageRun run = new UsageRun();
      long start = System.nanoTime();
      assertEquals(2, run.run("restore", "--out", out.toString(), "--before-run", "r1"));
      assertTrue((System.nanoTime() - start) / 1e9 < 3, "refused in under 3 s");
      assertTrue(run.err.toString().contains("another run is using") && run.err.toString()
          .contains("nightly-in-progress"), run.err.toString());
    }
  }

  @Test
  void refusesBadOptionsAndAMissingTable() {
    String out = tmp.resolve("none").toString();
    UsageRun both = new UsageRun();
    assertEquals(2, both.run("restore", "--out", out, "--before-run", "r1", "--to-version", "3"));
    assertTrue(both.err.toString().contains("exactly one of --before-run"), both.err.toString());
    UsageRun neither = new UsageRun();
    assertEquals(2, neither.run("restore", "--out", out));
    assertTrue(neither.err.toString().contains("exactly one of --before-run"), neither.err.toString());
    UsageRun negative = new UsageRun();
    assertEquals(2, negative.run("restore", "--out", out, "--to-version", "-1"));
    assertTrue(negative.err.toString().contains("--to-version must be 0 or more"), negative.err.toString());
    UsageRun missing = new UsageRun();
    assertEquals(2, missing.run("restore", "--out", out, "--to-version", "0"));
    assertTrue(missing.err.toString().contains("no Delta table at " + out + "/predictions"),
        missing.err.toString());
  }
}
