package dev.songmood.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
  @TempDir
  Path tmp;

  private final Configuration conf = new Configuration();

  @Test
  void aSecondRunIsRefusedNamingTheFirstUntilItEnds() throws Exception {
    String out = tmp.resolve("out").toString();
    try (RunLock first = RunLock.take(conf, out, "run-one", Duration.ofMinutes(2))) {
      String message = assertThrows(IllegalArgumentException.class,
          () -> RunLock.take(conf, out, "run-two", Duration.ofMinutes(2))).getMessage();
      assertTrue(message.contains("another run is using") && message.contains("run run-one")
          && message.contains("pid " + ProcessHandle.current().pid()), message);
      assertTrue(Files.exists(Path.of(out, RunLock.FILE)));
    }
    assertFalse(Files.exists(Path.of(out, RunLock.FILE)), "released");
    try (RunLock second = RunLock.take(conf, out, "run-two", Duration.ofMinutes(2))) {
      assertTrue(Files.readString(Path.of(out, RunLock.FILE)).contains("run-two"));
    }
  }

  @Test
  void aLockWithoutHeartbeatIsTakenOverAndALiveOneIsKeptAlive() throws Exception {
    String out = tmp.resolve("out").toString();
    Path file = Files.createDirectories(Path.of(out)).resolve(RunLock.FILE);
    Files.writeString(file, "{\"run_id\": \"killed\", \"host\": \"h\", \"pid\": 1, \"started\": \"then\"}");
    assertTrue(file.toFile().setLastModified(System.currentTimeMillis() - 60_000));
    try (RunLock taken = RunLock.take(conf, out, "next", Duration.ofSeconds(30))) {
      assertTrue(Files.readString(file).contains("\"next\""));
      // the heartbeat (every 30/6 = 5 s) keeps it fresh past the stale age of a run that is gone
      assertTrue(file.toFile().setLastModified(System.currentTimeMillis() - 25_000));
      Thread.sleep(6_000);
      long age = System.currentTimeMillis() - Files.getLastModifiedTime(file).toMillis();
      assertTrue(age < 6_000, "heartbeat rewrote the lock " + age + " ms ago");
      assertThrows(IllegalArgumentException.class, () -> RunLock.take(conf, out, "third", Duration.ofSeconds(30)));
    }
    assertFalse(Files.exists(file));
  }

  @Test
  void aFreshLockOfAProcessGoneFromThisHostIsTakenOverAtOnce() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    String out = tmp.resolve("out").toString();
    Path file = Files.createDirectories(Path.of(out)).resolve(RunLock.FILE);
    String host = java.net.InetAddress.getLocalHost().getHostName();
    Files.writeString(file, "{\"run_id\": \"killed\", \"host\": \"" + host + "\", \"pid\": " + gone.pid()
        + ", \"started\": \"now\"}");
    try (RunLock taken = RunLock.take(conf, out, "rerun", Duration.ofMinutes(10))) {
      assertTrue(Files.readString(file).contains("\"rerun\""));
    }
  }

  @Test
  void closingDoesNotDeleteALockThatAnotherRunTookOver() throws Exception {
    String out = tmp.resolve("out").toString();
    Path file = Path.of(out, RunLock.FILE);
    RunLock mine = RunLock.take(conf, out, "slow", Duration.ofMinutes(2));
    Files.writeString(file, "{\"run_id\": \"other\"}");
    mine.close();
    assertEquals("{\"run_id\": \"other\"}", Files.readString(file));
  }
}
