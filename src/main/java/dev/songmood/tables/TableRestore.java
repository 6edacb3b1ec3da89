package dev.songmood.tables;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.songmood.io.HadoopFiles;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Putting a Delta table back as it was at an earlier version, with Delta's RESTORE: one new commit whose files are
 * those of that version, so readers see the old rows and the history keeps every version in between (a restore can
 * itself be undone). Which version was current at a moment is read from the commits' own {@code commitInfo}
 * timestamps (the clock of the driver that committed), not from the log files' modification times, which on S3 are
 * the store's clock.
 */
public final class TableRestore {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TableRestore() {
  }

  /** What a restore did: the version it restored, the version before, and the table's version after it. */
  public record Restored(String path, long from, long to, long now) {
    public boolean changed() {
      return from != now;
    }
  }

  /**
   * The table's last version committed before {@code millis} (epoch), -1 when the table had no commit yet then.
   * Fails when the commits of that time are no longer in the log (cleaned up by Delta's log retention).
   */
  public static long versionBefore(HadoopFiles files, String path, long millis) {
    List<Long> versions = commits(files, path);
    versions.sort(Comparator.reverseOrder());
    for (long v : versions) {
      if (committedAt(files, path, v) < millis) {
        return v;
      }
    }
    if (!versions.isEmpty() && versions.get(versions.size() - 1) > 0) {
      throw new IllegalArgumentException("the commits of " + path + " before that time are no longer in its log "
          + "(Delta's log retention removed them; its oldest kept version is " + versions.get(versions.size() - 1)
          + "): restore --to-version a kept version");
    }
    return -1;
  }

  /** The commit time (epoch millis) of {@code version}, from its commitInfo. */
  public static long committedAt(HadoopFiles files, String path, long version) {
    String log = path + "/_delta_log/" + String.format("%020d.json", version);
    for (String line : files.readText(log).split("\n")) {
      try {
        JsonNode info = JSON.readTree(line).path("commitInfo");
        if (!info.isMissingNode()) {
          JsonNode ict = info.path("inCommitTimestamp");
          return ict.isNumber() ? ict.asLong() : info.path("timestamp").asLong();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the commit " + log, e);
      }
    }
    throw new IllegalStateException("commit " + log + " has no commitInfo");
  }

  private static List<Long> commits(HadoopFiles files, String path) {
    List<Long> versions = new ArrayList<>();
    for (String name : files.children(path + "/_delta_log")) {
      String digits = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : "";
      if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit)) {
        versions.add(Long.parseLong(digits));
      }
    }
    return versions;
  }

  /**
   * Restores the table at {@code path} to {@code version}: nothing when it is already the current one; all rows
   * deleted (one commit) when {@code version} is -1, the table as it was before its first commit.
   */
  public static Restored restore(SparkSession spark, String path, long version) {
    HadoopFiles files = new HadoopFiles(spark);
    long from = DeltaTables.latestVersion(files, path);
    if (version > from) {
      throw new IllegalArgumentException(path + " has no version " + version + " (its latest is " + from + ")");
    }
    if (version == from || from < 0) {
      return new Restored(path, from, version, from);
    }
    DeltaTable table = DeltaTable.forPath(spark, path);
    try {
      if (version < 0) {
        table.delete();
      } else {
        table.restoreToVersion(version);
      }
    } catch (RuntimeException e) {
      throw new IllegalStateException("could not restore " + path + " to version " + version + " (" + e.getMessage()
          + "); a VACUUM may have removed that version's data files: DESCRIBE HISTORY shows the versions", e);
    }
    return new Restored(path, from, version, DeltaTables.latestVersion(files, path));
  }
}
