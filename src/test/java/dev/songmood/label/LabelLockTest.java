package dev.songmood.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.ChildJvm;
import dev.songmood.io.RunLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real processes on one --out: the second stops before any work, naming the first; a dead run's lock is taken. */
@Tag("slow")
class LabelLockTest {
  @TempDir
  Path tmp;

  @Test
  void aSecondProcessIsRefusedWhileTheFirstHoldsTheOutputAndTakesOverADeadOnesLock() throws Exception {
    Path out = tmp.resolve("out");
    String[] label = {"label", "--input", "sample-data/catalog.jsonl", "--out", out.toString(), "--lock-stale-after",
        "10"};
    try (RunLock holder = RunLock.take(new Configuration(), out.toString(), "nightly-in-progress",
        Duration.ofSeconds(10))) {
      ChildJvm.Result refused = ChildJvm.songmood(tmp.resolve("refused.log"), label);
      assertEquals(2, refused.exitCode(), refused.output());
      assertTrue(refused.output().contains("another run is using") && refused.output().contains("nightly-in-progress"),
          refused.output());
      assertFalse(Files.exists(out.resolve("predictions")), "nothing was done");
    }
    // a run killed without releasing: its lock stays, its heartbeat stops
    Path lock = out.resolve(RunLock.FILE);
    Files.writeString(lock, "{\"run_id\": \"killed-run\", \"host\": \"h\", \"pid\": 1, \"started\": \"then\"}");
    assertTrue(lock.toFile().setLastModified(System.currentTimeMillis() - 60_000));
    ChildJvm.Result next = ChildJvm.songmood(tmp.resolve("next.log"), label);
    assertEquals(0, next.exitCode(), next.output());
    assertTrue(next.output().contains("taking over the lock") && next.output().contains("killed-run"), next.output());
    assertFalse(Files.exists(lock), "released at the end");
  }
}
