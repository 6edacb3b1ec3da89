package dev.songmood.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.io.RunLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A busy --out is refused before Spark starts: {@link UsageRun}'s session supplier fails the test if it is ever
 * called, so the refusal (exit 2, naming the run that holds the lock) comes with no session asked for.
 */
class BusyOutTest {
  @TempDir
  Path tmp;

  private static String project(String path) {
    return Path.of(System.getProperty("songmood.project.dir", "."), path).toString();
  }

  @Test
  void labelFetchLyricsAndDemoRefuseABusyOutBeforeSparkStarts() {
    Path out = tmp.resolve("nightly");
    try (RunLock held = RunLock.take(new Configuration(), out.toString(), "run-in-progress", Duration.ofSeconds(60))) {
      UsageRun label = new UsageRun();
      long start = System.nanoTime();
      int code = label.run("label", "--model", project("models/default"), "--input",
          project("sample-data/catalog.jsonl"), "--out", out.toString());
      double seconds = (System.nanoTime() - start) / 1e9;
      String err = label.err.toString(StandardCharsets.UTF_8);
      assertEquals(2, code, err);
      assertTrue(err.contains("another run is using " + out) && err.contains("run-in-progress"), err);
      assertTrue(seconds < 3, "refused in " + seconds + " s");
      assertFalse(Files.exists(out.resolve("predictions")), "nothing done");

      UsageRun fetch = new UsageRun();
      assertEquals(2, fetch.run("fetch-lyrics", "--input", project("sample-data/metadata.csv"), "--out",
          out.toString()), fetch.err.toString(StandardCharsets.UTF_8));
      assertTrue(fetch.err.toString(StandardCharsets.UTF_8).contains("run-in-progress"), fetch.err.toString());
    }
    Path demo = tmp.resolve("demo");
    try (RunLock held = RunLock.take(new Configuration(), demo.resolve("label").toString(), "demo-in-progress",
        Duration.ofSeconds(60))) {
      UsageRun run = new UsageRun();
      assertEquals(2, run.run("demo", "--out", demo.toString(), "--sample-data", project("sample-data")),
          run.err.toString(StandardCharsets.UTF_8));
      assertTrue(run.err.toString(StandardCharsets.UTF_8).contains("demo-in-progress"), run.err.toString());
      assertFalse(Files.exists(demo.resolve("prepare")), "not prepared, not trained");
    }
  }

  @Test
  void aLockWhoseProcessIsGoneDoesNotStopTheChecks() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("out"));
    // a killed run on this host: the check lets it pass (take() then takes it over), so Spark is asked for
    Files.writeString(out.resolve(RunLock.FILE), "{\"run_id\": \"killed\", \"host\": \""
        + java.net.InetAddress.getLocalHost().getHostName() + "\", \"pid\": " + Integer.MAX_VALUE
        + ", \"started\": \"then\"}");
    RunLock.requireFree(new Configuration(), out.toString(), Duration.ofSeconds(60));
    // a live process whose heartbeat stopped longer ago than the stale limit: taken over too, so not refused here
    Path lock = out.resolve(RunLock.FILE);
    Files.writeString(lock, "{\"run_id\": \"silent\", \"host\": \"elsewhere\", \"pid\": 1, \"started\": \"then\"}");
    assertTrue(lock.toFile().setLastModified(System.currentTimeMillis() - 120_000));
    RunLock.requireFree(new Configuration(), out.toString(), Duration.ofSeconds(60));
    assertTrue(lock.toFile().setLastModified(System.currentTimeMillis()));
    IllegalArgumentException busy = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> RunLock.requireFree(new Configuration(), out.toString(), Duration.ofSeconds(60)));
    assertTrue(busy.getMessage().contains("another run is using") && busy.getMessage().contains("silent"),
        busy.getMessage());
  }
}
