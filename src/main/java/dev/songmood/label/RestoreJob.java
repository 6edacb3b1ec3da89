package dev.songmood.label;

import static org.apache.spark.sql.functions.col;

import dev.songmood.io.HadoopFiles;
import dev.songmood.io.RunLock;
import dev.songmood.runtime.RunId;
import dev.songmood.tables.DeltaTables;
import dev.songmood.tables.RunsTable;
import dev.songmood.tables.TableRestore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code restore}: rolls the label tables under {@code --out} back, with Delta's RESTORE, to the versions they had
 * before a run (its runs row's start time; every later commit is undone too) or with predictions at a given version
 * (quarantine then as it was until predictions' next commit). It holds the run lock of {@code --out} meanwhile, and
 * records one {@code restored} row in the runs table (its {@code input_paths} say which versions it restored).
 *
 * <p>The next {@code label} night is an ordinary one: the last-run state ({@link QuietNight}) is deleted before the
 * tables change, so that night reads the catalog, and {@link CatalogChanges} keeps a restored row only when its
 * lyrics hash, artist, genre and model version match tonight's song and model: every song changed since the restored
 * version, and every song the restored model version did not label, is labelled again.
 */
public final class RestoreJob {
  private static final Logger LOG = LoggerFactory.getLogger(RestoreJob.class);

  private RestoreJob() {
  }

  public static RestoreResult run(SparkSession spark, RestoreConfig config) {
    long start = System.nanoTime();
    String out = config.out();
    String predictionsDir = out + "/" + LabelConfig.PREDICTIONS_DIR;
    String quarantineDir = out + "/" + LabelConfig.QUARANTINE_DIR;
    HadoopFiles files = new HadoopFiles(spark);
    if (DeltaTables.latestVersion(files, predictionsDir) < 0) {
      throw new IllegalArgumentException("no predictions table under " + out + ": nothing to restore");
    }
    String runId = RunId.next();
    try (RunLock lock = RunLock.take(spark.sparkContext().hadoopConfiguration(), out, runId,
        Duration.ofSeconds(config.lockStaleSeconds()))) {
      RunsTable runs = new RunsTable(spark, out + "/" + LabelConfig.RUNS_DIR);
      long predictionsTarget;
      long quarantineTarget;
      String what;
      if (config.beforeRun() != null) {
        long started = runs.startedAt(config.beforeRun()).orElseThrow(() -> new IllegalArgumentException(
            "the runs table " + runs.path() + " has no run " + config.beforeRun() + " (its runs: "
                + recentRuns(spark, files, runs.path()) + ")")).getTime();
        predictionsTarget = TableRestore.versionBefore(files, predictionsDir, started);
        quarantineTarget = TableRestore.versionBefore(files, quarantineDir, started);
        what = "before run " + config.beforeRun();
      } else {
        predictionsTarget = config.toVersion();
        long latest = DeltaTables.latestVersion(files, predictionsDir);
        if (predictionsTarget > latest) {
          throw new IllegalArgumentException("--to-version " + predictionsTarget + ": " + predictionsDir
              + " has versions 0 to " + latest);
        }
        quarantineTarget = predictionsTarget == latest ? DeltaTables.latestVersion(files, quarantineDir)
            : TableRestore.versionBefore(files, quarantineDir,
                TableRestore.committedAt(files, predictionsDir, predictionsTarget + 1));
        what = "with predictions at version " + predictionsTarget;
      }
      // Before any table changes: the next night must read the catalog, whatever happens here.
      new QuietNight(files, out).forget();
      lock.requireHeld();
      TableRestore.Restored predictions = TableRestore.restore(spark, predictionsDir, predictionsTarget);
      TableRestore.Restored quarantine = TableRestore.restore(spark, quarantineDir, quarantineTarget);
      String models = spark.read().format("delta").load(predictionsDir).select("model_version").distinct()
          .orderBy(col("model_version")).collectAsList().stream().map(r -> r.getString(0))
          .collect(Collectors.joining(","));
      double seconds = (System.nanoTime() - start) / 1e9;
      runs.appendFinished(runId, RunsTable.RESTORE, models.isEmpty() ? "none" : models,
          List.of(LabelConfig.PREDICTIONS_DIR + "@" + predictionsTarget,
              LabelConfig.QUARANTINE_DIR + "@" + quarantineTarget),
          new RunsTable.Outcome(RunsTable.RESTORED, Map.of(), Map.of(), Map.of("restore", seconds), seconds,
              predictions.now(), null));
      LOG.info("restore {}: the tables under {} as they were {}: predictions version {} -> {} (now {}), "
          + "quarantine {} -> {} (now {}); model versions {}", runId, out, what, predictions.from(),
          predictionsTarget, predictions.now(), quarantine.from(), quarantineTarget, quarantine.now(), models);
      return new RestoreResult(runId, predictions, quarantine, models, seconds);
    }
  }

  /** The table's last few run ids, newest first, for a message. */
  private static String recentRuns(SparkSession spark, HadoopFiles files, String runsDir) {
    if (DeltaTables.latestVersion(files, runsDir) < 0) {
      return "none";
    }
    List<Row> rows = spark.read().format("delta").load(runsDir).orderBy(col("started_at").desc()).select("run_id")
        .limit(5).collectAsList();
    return rows.isEmpty() ? "none" : rows.stream().map(r -> r.getString(0)).collect(Collectors.joining(", "))
        + (rows.size() == 5 ? ", ..." : "");
  }
}
