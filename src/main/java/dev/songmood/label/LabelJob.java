package dev.songmood.label;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.songmood.input.Fields;
import dev.songmood.io.HadoopFiles;
import dev.songmood.io.OutputLocation;
import dev.songmood.io.RunLock;
import dev.songmood.model.EmotionModel;
import dev.songmood.model.ModelLanguages;
import dev.songmood.monitor.JobMetrics;
import dev.songmood.runtime.Phases;
import dev.songmood.runtime.RunId;
import dev.songmood.songs.CatalogFiles;
import dev.songmood.songs.CatalogSongs;
import dev.songmood.songs.ScreenedSongs;
import dev.songmood.stages.FineTunedClassifier;
import dev.songmood.tables.PredictionsTable;
import dev.songmood.tables.QuarantineTable;
import dev.songmood.tables.RunsTable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code label}: labels a catalog night after night. Only songs that are new, whose lyrics or metadata changed, or
 * that another model version labelled are classified ({@link CatalogChanges}); {@code full} relabels all. Every
 * input row ends in exactly one of: labelled this run, unchanged from before, quarantined (with the reason).
 *
 * <p>The outputs are Delta tables under {@code out}: predictions, quarantine and runs (see {@code tables}). The
 * newly labelled songs are first written to a staging directory (the expensive part, encoding, runs once), then
 * published in one commit per table; a run that fails or is killed before a commit leaves that table as it was, and
 * a rerun labels what is still missing. Bad model or input paths and missing columns stop the run before any work.
 * A night whose input files, model and settings are the last successful run's does none of this ({@link QuietNight}).
 */
public final class LabelJob {
  private static final Logger LOG = LoggerFactory.getLogger(LabelJob.class);

  private LabelJob() {
  }

  /** The model's fine-tuned encoder as a Spark NLP annotator: the one given, or imported once under --out. */
  private static EmotionModel withSparkNlp(SparkSession spark, EmotionModel model, LabelConfig config, String out) {
    FineTunedClassifier encoder = model.fineTunedEncoder();
    String annotator = config.engine().annotator();
    if (annotator == null) {
      annotator = encoder.exportSparkNlp(spark, out + "/" + LabelConfig.SPARKNLP_DIR + "/"
          + encoder.getOrDefault(encoder.encoderSha256()).substring(0, 16));
    } else if (!new HadoopFiles(spark).exists(annotator + "/metadata")) {
      throw new IllegalArgumentException("--sparknlp-annotator " + annotator + " is not a saved Spark NLP annotator "
          + "(no metadata/): write one with export-sparknlp --model " + config.model() + " --out " + annotator);
    }
    LOG.info("label: the fine-tuned encoder runs as the Spark NLP annotator at {}", annotator);
    return model.withSparkNlp(annotator);
  }

  public static LabelResult run(SparkSession spark, LabelConfig config) {
    return run(spark, config, null);
  }

  /**
   * {@code listed}: the input as {@code cli/Preflight} inspected it before Spark started, the run's one listing of its
   * files (the unchanged check and the read both use it); null lists it here.
   */
  public static LabelResult run(SparkSession spark, LabelConfig config, CatalogFiles.Plan listed) {
    long start = System.nanoTime();
    Phases phases = Phases.sinceJvmStart();
    JobMetrics metrics = JobMetrics.start("label", JobMetrics.LABEL_COUNTS);
    String runId = RunId.next();
    phases.time("checks", () -> OutputLocation.requireWritable(spark.sparkContext().hadoopConfiguration(), "--out",
        config.out()));
    String out = config.outDir();
    HadoopFiles files = new HadoopFiles(spark);
    QuietNight quiet = new QuietNight(files, out);
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    CatalogFiles.Plan input = listed != null ? listed : phases.time("checks", () -> CatalogFiles.inspect(hadoop,
        config.input().paths(), config.input().format(), config.input().read()));
    String fingerprint = phases.time("unchanged check", () -> QuietNight.fingerprint(hadoop, files, config, input));
    boolean maybeQuiet = !config.full() && phases.time("unchanged check",
        () -> quiet.unchangedSince(fingerprint)).isPresent();
    // before the lock: a wrong model writes nothing (a quiet night needs no model: the last run loaded this one)
    EmotionModel loaded = maybeQuiet ? null : phases.time("model load", () -> EmotionModel.load(spark,
        config.model()));
    RunLock lock = phases.time("lock", () -> RunLock.take(spark.sparkContext().hadoopConfiguration(), config.out(),
        runId, Duration.ofSeconds(config.lockStaleSeconds())));
    try {
      Optional<QuietNight.State> last = maybeQuiet && lock.takenOver().isEmpty()
          ? phases.time("unchanged check", () -> quiet.unchangedSince(fingerprint)) : Optional.empty();
      if (last.isPresent()) {
        LabelResult unchanged = unchangedNight(spark, config, out, runId, last.get(), start, phases);
        metrics.counts(unchanged.counts());
        return unchanged;
      }
      boolean lastEndedWell = quiet.forget();
      EmotionModel model = loaded != null ? loaded : phases.time("model load", () -> EmotionModel.load(spark,
          config.model()));
      LabelResult result = run(spark, config, input, model, runId, start, lock, lastEndedWell, phases);
      metrics.counts(result.counts());
      phases.time("run records", () -> quiet.remember(runId, fingerprint, result.modelVersion(),
          result.counts()));
      return result;
    } finally {
      phases.time("lock", lock::close);
      LOG.info("label: where the time went: {}; {} s in all since the JVM started", phases,
          Phases.tenths(phases.total()));
      metrics.finish(phases);
    }
  }

  /**
   * A night whose input files, model and settings are those of the last successful run, with the tables as it left
   * them ({@link QuietNight}): its counts, every song unchanged, and one runs row; no catalog read, no model load.
   */
  private static LabelResult unchangedNight(SparkSession spark, LabelConfig config, String out, String runId,
      QuietNight.State last, long start, Phases phases) {
    Map<String, Long> counts = QuietNight.unchangedCounts(last);
    Map<String, Long> byReason = new LinkedHashMap<>();
    counts.forEach((k, v) -> {
      if (k.startsWith("quarantined_")) {
        byReason.put(k.substring("quarantined_".length()), v);
      }
    });
    RunsTable runs = phases.time("run records", () -> new RunsTable(spark, out + "/" + LabelConfig.RUNS_DIR));
    double total = Phases.secondsSince(start);
    phases.time("run records", () -> runs.appendFinished(runId, RunsTable.UNCHANGED, last.modelVersion(),
        config.input().displayPaths(), new RunsTable.Outcome(RunsTable.SUCCEEDED, counts, byReason,
            Map.of("unchanged check", total), total, last.predictionsVersion(), null), config.minConfidence()));
    LOG.info("label run {}: nothing changed since run {} (the same input files, model and settings, and the tables "
        + "as it left them): {} songs read then, all {} unchanged, {} quarantined as before; nothing read, nothing "
        + "committed but this run's row (--full relabels every song)", runId, last.runId(), counts.get("read"),
        counts.get("unchanged"), counts.get("quarantined"));
    return new LabelResult(runId, last.modelVersion(), counts, out + "/" + LabelConfig.PREDICTIONS_DIR,
        out + "/" + LabelConfig.QUARANTINE_DIR, runs.path(), Phases.secondsSince(start));
  }

  private static LabelResult run(SparkSession spark, LabelConfig config, CatalogFiles.Plan input,
      EmotionModel loaded, String runId, long start, RunLock lock, boolean lastEndedWell, Phases phases) {
    String out = config.outDir();
    EmotionModel chosen = config.cascade() ? loaded : loaded.withoutCascade();
    EmotionModel lyricsModel = config.lyricsOnly() ? chosen.lyricsOnly() : chosen;
    EmotionModel model = config.engine().sparkNlp() ? withSparkNlp(spark, lyricsModel, config, out) : lyricsModel;
    long opening = System.nanoTime();
    PredictionsTable predictions = new PredictionsTable(spark, out + "/" + LabelConfig.PREDICTIONS_DIR);
    QuarantineTable quarantine = new QuarantineTable(spark, out + "/" + LabelConfig.QUARANTINE_DIR);
    RunsTable runs = new RunsTable(spark, out + "/" + LabelConfig.RUNS_DIR);
    phases.add("table opens", Phases.secondsSince(opening));
    Dataset<Row> catalog = phases.time("catalog open", () -> CatalogSongs.read(spark, config.input(), input));
    String mode = config.full() ? RunsTable.FULL : RunsTable.INCREMENTAL;
    LOG.info("label run {} ({}): model {} (trained on {}; other languages: {}), catalog {}, tables under {}", runId,
        mode, model.version(), ModelLanguages.trained(model), config.languagePolicy(), config.input().displayPaths(),
        out);
    if (spark.sparkContext().uiWebUrl().isDefined()) {
      LOG.info("label: Spark UI at {}", spark.sparkContext().uiWebUrl().get());
    }

    HadoopFiles files = new HadoopFiles(spark);
    String stagingRoot = out + "/" + LabelConfig.STAGING_DIR;
    phases.time("staging", () -> files.delete(stagingRoot));  // what a killed run left; it was never published
    String staging = stagingRoot + "/" + runId + "/predictions";
    phases.time("run records", () -> runs.start(runId, mode, model.version(), config.input().displayPaths(),
        lock.takenOver(), lastEndedWell, config.minConfidence()));

    Map<String, Long> counts = new LinkedHashMap<>();
    Map<String, Long> byReason = new LinkedHashMap<>();
    Map<String, Double> stages = new LinkedHashMap<>();
    ScreenedSongs screened = null;
    long predictionsVersion = -1;
    try {
      long t = System.nanoTime();
      // Not cached: counting and then taking the songs to label read the input twice, which costs less than holding
      // a whole catalog; the songs to label are cached on disk, so memory does not grow with the catalog.
      Dataset<Row> marked = CatalogChanges.mark(catalog, predictions.current(), model.version(), config.full());
      Row totals = marked.agg(count("*"), sum(when(col(CatalogChanges.UNCHANGED), 1).otherwise(0))).first();
      long read = totals.getLong(0);
      long unchanged = totals.isNullAt(1) ? 0 : totals.getLong(1);
      counts.put("read", read);
      double readSeconds = Phases.secondsSince(t);
      stages.put("read", readSeconds);
      phases.add("read", readSeconds);
      LOG.info("label: read {} songs in {} s ({} songs/s): {} unchanged since the last run, {} to screen and label",
          read, Phases.tenths(readSeconds), Phases.tenths(read / Math.max(readSeconds, 1e-9)), unchanged, read - unchanged);

      t = System.nanoTime();
      int tasks = tasks(read - unchanged, config.songsPerTask(), spark.sparkContext().defaultParallelism());
      screened = ScreenedSongs.of(marked.where(not(col(CatalogChanges.UNCHANGED))).drop(CatalogChanges.UNCHANGED)
          .repartition(tasks, col(Fields.ID)), null, songs -> config.languagePolicy().apply(model.screenLyrics(songs),
          ModelLanguages.trained(model)), false, runId, StorageLevel.DISK_ONLY());
      Predictions.of(model.classifyAccepted(screened.accepted()), model.version(), runId, config.minConfidence())
          .write().mode(SaveMode.ErrorIfExists).parquet(staging);
      Dataset<Row> labelled = spark.read().parquet(staging);
      long labelledCount = labelled.count();
      screened.quarantineCounts().forEach((k, v) -> byReason.put(k.substring("quarantined_".length()), v));
      long quarantined = byReason.values().stream().mapToLong(Long::longValue).sum();
      double labelSeconds = Phases.secondsSince(t);
      stages.put("label", labelSeconds);
      phases.add("label", labelSeconds);
      LOG.info("label: labelled {} songs in {} s ({} songs/s), quarantined {} {}", labelledCount, Phases.tenths(labelSeconds),
          Phases.tenths(labelledCount / Math.max(labelSeconds, 1e-9)), quarantined, byReason);

      t = System.nanoTime();
      lock.requireHeld();
      PredictionsTable.Change change = predictions.publish(labelled,
          screened.screenRejections().where(col(Fields.ID).isNotNull()), config.minConfidence());
      predictionsVersion = change.version();
      long uncertain = predictions.uncertainCount();
      double predictionsSeconds = Phases.secondsSince(t);
      boolean quarantineChanged = quarantine.publish(screened.quarantine());
      double publishSeconds = Phases.secondsSince(t);
      stages.put("publish", publishSeconds);
      phases.add("predictions commit", predictionsSeconds);
      phases.add("quarantine commit", publishSeconds - predictionsSeconds);
      LOG.info("label: published in {} s: predictions {} in {} s (version {}: {} new, {} updated, {} removed), "
          + "quarantine {}", Phases.tenths(publishSeconds), change.none() ? "unchanged" : "committed", Phases.tenths(predictionsSeconds),
          change.version(), change.inserted(), change.updated(), change.removed(),
          quarantineChanged ? "replaced" : "unchanged");

      counts.put("labelled", labelledCount);
      counts.put("unchanged", unchanged);
      counts.put("quarantined", quarantined);
      counts.put("removed", change.removed());
      counts.put("uncertain", uncertain);
      for (Map.Entry<String, Long> e : byReason.entrySet()) {
        counts.put("quarantined_" + e.getKey(), e.getValue());
      }
      double total = Phases.secondsSince(start);
      RunsTable.Outcome outcome = new RunsTable.Outcome(RunsTable.SUCCEEDED, counts, byReason, stages, total,
          predictionsVersion, null);
      phases.time("run records", () -> runs.finish(runId, outcome));
      LOG.info("label: {} songs read, {} labelled, {} unchanged, {} quarantined in {} s ({} songs/s); {} songs of "
          + "the table uncertain ({})", read, labelledCount, unchanged, quarantined, Phases.tenths(total),
          Phases.tenths(read / Math.max(total, 1e-9)), uncertain, config.minConfidence() == null ? "no threshold"
              : "confidence below " + config.minConfidence());
      return new LabelResult(runId, model.version(), counts, predictions.path(), quarantine.path(), runs.path(),
          total);
    } catch (Throwable e) {  // Scala code throws IOExceptions undeclared: every failure is recorded
      recordFailure(runs, runId, counts, byReason, stages, Phases.secondsSince(start), predictionsVersion, e);
      throw e;
    } finally {
      if (screened != null) {
        screened.release();
      }
      phases.time("staging", () -> files.delete(stagingRoot));
    }
  }

  /**
   * Labelling tasks of at most {@code songsPerTask} songs (a lost executor costs little to redo), as a whole number of
   * rounds over the cores: 5 tasks on 2 cores would leave one core idle for the last third (measured: 19% slower).
   */
  static int tasks(long songs, int songsPerTask, int cores) {
    long bySize = Math.max(1, (songs + songsPerTask - 1) / songsPerTask);
    long rounds = (bySize + cores - 1) / cores;
    return (int) Math.min(100_000, rounds * cores);
  }

  /**
   * Writes the run's {@code failed} row, with the error's class and first line; tried twice (storage that failed the
   * run may fail the record too). When both fail, the row stays {@code running} until the next run, holding the
   * lock this run releases, marks it interrupted; the log says so.
   */
  private static void recordFailure(RunsTable runs, String runId, Map<String, Long> counts,
      Map<String, Long> byReason, Map<String, Double> stages, double seconds, long version, Throwable e) {
    String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    String error = e.getClass().getSimpleName() + ": " + (first.length() > 500 ? first.substring(0, 500) : first);
    for (int attempt = 1; ; attempt++) {
      try {
        runs.finish(runId, new RunsTable.Outcome(RunsTable.FAILED, counts, byReason, stages, seconds, version,
            error));
        return;
      } catch (Exception again) {  // Exception, not RuntimeException: Delta's Scala code throws IOExceptions
        if (attempt == 2) {
          e.addSuppressed(again);
          LOG.error("label: run {} failed and the runs table could not record it ({}); it says running until the "
              + "next run marks it interrupted", runId, again.toString());
          return;
        }
        try {
          Thread.sleep(1000);
        } catch (InterruptedException stop) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
