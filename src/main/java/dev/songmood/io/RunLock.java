package dev.songmood.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run at a time on an output directory: a lock file ({@value #FILE}) created only if absent, holding the run id,
 * host, process and start time, and rewritten every {@code staleAfter / 6} as a heartbeat. A second run finds it and
 * stops before any work, naming the run that holds it. A lock left by a killed run is taken over, with a log line:
 * at once when it names this host and a process that no longer exists, else once its heartbeat is older than
 * {@code staleAfter}. Closing deletes it (if it is still this run's).
 *
 * <p>On HDFS and local disks creating the file is atomic. S3A (Hadoop 3.3) checks for the object and then writes
 * it: two runs started within the same second could both pass, so the lock guards against the usual case, a run
 * started while another is going, not a race to the millisecond.
 */
public final class RunLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);
  public static final String FILE = "_lock";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FileSystem fs;
  private final Path path;
  private final byte[] content;
  private final ScheduledExecutorService heartbeat;
  /** Why the run that held the lock before is known to be dead, when this run took its lock over; else null. */
  private final String takenOver;

  private RunLock(FileSystem fs, Path path, byte[] content, Duration staleAfter, String takenOver) {
    this.fs = fs;
    this.path = path;
    this.content = content;
    this.takenOver = takenOver;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "songmood-run-lock-heartbeat");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(1000, staleAfter.toMillis() / 6);
    heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Takes the lock of {@code dir} for {@code runId}, or throws {@link IllegalArgumentException} (exit 2, nothing
   * done) when a live run holds it.
   */
  public static RunLock take(Configuration conf, String dir, String runId, Duration staleAfter) {
    Path path = new Path(dir, FILE);
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (fs instanceof ChecksumFileSystem checksummed) {
        fs = checksummed.getRawFileSystem();  // no .crc beside a file that is rewritten and read by other processes
      }
      fs.mkdirs(path.getParent());
      byte[] content = describe(runId);
      String takenOver = null;
      for (int attempt = 0; attempt < 2; attempt++) {
        try (OutputStream out = fs.create(path, false)) {
          out.write(content);
          return new RunLock(fs, path, content, staleAfter, takenOver);
        } catch (FileAlreadyExistsException e) {
          Holder holder = Holder.read(fs, path);
          if (holder == null) {
            continue;  // released between the create and the read
          }
          if (holder.processGone()) {
            LOG.warn("taking over the lock of {}: {}; that process is gone from this host", dir, holder);
            takenOver = holder.runId() + ": its process (pid " + holder.pid() + " on " + holder.host() + ") is gone";
            fs.delete(path, false);
            continue;
          }
          if (holder.silence().compareTo(staleAfter) <= 0) {
            throw new IllegalArgumentException("another run is using " + dir + ": " + holder + "; wait for it to "
                + "end (a run killed without a word is taken over " + staleAfter.toSeconds() + " s after its last "
                + "heartbeat; delete " + path + " to take it over now)");
          }
          LOG.warn("taking over the lock of {}: {}; that run is gone", dir, holder);
          takenOver = holder.runId() + ": no heartbeat in its lock for " + holder.silence().toSeconds() + " s (more "
              + "than " + staleAfter.toSeconds() + " s)";
          fs.delete(path, false);
        }
      }
      throw new IllegalArgumentException("cannot take the lock " + path + ": another run took it at the same moment");
    } catch (IOException e) {
      throw StorageErrors.before("take the run lock in", dir, e);
    }
  }

  /**
   * Throws {@link IllegalArgumentException} (exit 2) when a live run holds the lock of {@code dir}, as {@link #take}
   * would, without taking it: a check a command makes before its Spark session starts. A lock {@link #take} would
   * take over (its process gone, its heartbeat stale) passes.
   */
  public static void requireFree(Configuration conf, String dir, Duration staleAfter) {
    Path path = new Path(dir, FILE);
    try {
      FileSystem fs = path.getFileSystem(conf);
      Holder holder = fs.exists(path) ? Holder.read(fs, path) : null;
      if (holder != null && !holder.processGone() && holder.silence().compareTo(staleAfter) <= 0) {
        throw new IllegalArgumentException("another run is using " + dir + ": " + holder + "; wait for it to end");
      }
    } catch (IOException e) {
      throw StorageErrors.before("read the run lock in", dir, e);
    }
  }

  private static byte[] describe(String runId) {
    ObjectNode node = JSON.createObjectNode();
    node.put("run_id", runId);
    node.put("host", localHost());
    node.put("pid", ProcessHandle.current().pid());
    node.put("started", Instant.now().toString());
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String localHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * The run whose lock this run took over and why it is known to be dead ("RUN_ID: its process is gone"), or
   * empty when the lock was free.
   */
  public java.util.Optional<String> takenOver() {
    return java.util.Optional.ofNullable(takenOver);
  }

  /**
   * Fails (IllegalStateException) when the lock is no longer this run's: another run took it over, this run having
   * given no heartbeat for too long (a machine paused, storage unreachable). Called before publishing, so two runs
   * never publish on one output directory.
   */
  public void requireHeld() {
    Holder holder;
    try {
      holder = Holder.read(fs, path);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the run lock " + path + " to check this run still holds it: "
          + e, e);
    }
    if (holder == null || !holder.content().equals(new String(content, StandardCharsets.UTF_8))) {
      throw new IllegalStateException("this run lost the lock " + path + (holder == null ? " (deleted)"
          : " to " + holder) + ": it stops without publishing");
    }
  }

  /** Rewrites the file (same content, new modification time: S3 has no touch). */
  private void beat() {
    try {
      Holder holder = Holder.read(fs, path);
      if (holder != null && !holder.content().equals(new String(content, StandardCharsets.UTF_8))) {
        LOG.warn("run lock {}: another run took it over ({}); no more heartbeats", path, holder);
        heartbeat.shutdown();
        return;
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("run lock {}: cannot read it ({}); beating anyway", path, e.toString());
    }
    try (OutputStream out = fs.create(path, true)) {
      out.write(content);
    } catch (IOException | RuntimeException e) {
      LOG.warn("run lock {}: heartbeat failed ({}); retrying", path, e.toString());
    }
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      heartbeat.awaitTermination(10, TimeUnit.SECONDS);
      Holder holder = Holder.read(fs, path);
      if (holder != null && holder.content().equals(new String(content, StandardCharsets.UTF_8))) {
        fs.delete(path, false);
      }
    } catch (IOException e) {
      // the run's work is done or already failing: a lock left behind is taken over by the next run
      LOG.warn("run lock {}: could not release it ({}); the next run takes it over", path, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The run named in a lock file, and how long since its last heartbeat. */
  record Holder(String content, String runId, String host, long pid, String started, Duration silence) {
    /** The holder, read again (up to 4 times, 50 ms apart) while the file is caught mid-rewrite by a heartbeat. */
    static Holder read(FileSystem fs, Path path) throws IOException {
      Holder holder = readOnce(fs, path);
      for (int attempt = 1; attempt < 4 && holder != null && holder.pid() == -1 && "?".equals(holder.runId());
          attempt++) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        holder = readOnce(fs, path);
      }
      return holder;
    }

    private static Holder readOnce(FileSystem fs, Path path) throws IOException {
      FileStatus status;
      String text;
      try (InputStream in = fs.open(path)) {
        status = fs.getFileStatus(path);
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (java.io.FileNotFoundException e) {
        return null;
      }
      Duration silence = Duration.ofMillis(Math.max(0, System.currentTimeMillis() - status.getModificationTime()));
      try {
        JsonNode n = JSON.readTree(text);
        return new Holder(text, n.path("run_id").asText("?"), n.path("host").asText("?"), n.path("pid").asLong(-1),
            n.path("started").asText("?"), silence);
      } catch (IOException e) {  // being rewritten, or not ours: its age still decides
        return new Holder(text, "?", "?", -1, "?", silence);
      }
    }

    /** Proven dead: it ran on this host and no process has its id now (a killed run: no need to wait). */
    boolean processGone() {
      return pid > 0 && host.equals(localHost()) && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public String toString() {
      return "run " + runId + " on " + host + " (pid " + pid + "), started " + started + ", last heartbeat "
          + silence.toSeconds() + " s ago";
    }
  }
}
