package dev.songmood.evaluate;

import dev.songmood.input.Fields;
import dev.songmood.io.HadoopFiles;
import dev.songmood.io.OutputPublisher;
import dev.songmood.metrics.CalibrationMetrics;
import dev.songmood.metrics.ClassificationReport;
import dev.songmood.metrics.ConfusionCounts;
import dev.songmood.metrics.CoverageMetrics;
import dev.songmood.model.EmotionModel;
import dev.songmood.runtime.RunId;
import dev.songmood.songs.GroundTruthSpec;
import dev.songmood.songs.LabelledSongs;
import dev.songmood.songs.Quarantine;
import dev.songmood.songs.ScreenedSongs;
import dev.songmood.songs.SongSplits;
import dev.songmood.stages.QuadrantDeriverModel;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code evaluate}: scores a saved model on any labelled data set and writes the report (see {@link ReportWriter})
 * and the rows it could not score.
 */
public final class EvaluateJob {
  private static final Logger LOG = LoggerFactory.getLogger(EvaluateJob.class);

  private EvaluateJob() {
  }

  public static EvaluateResult run(SparkSession spark, EvaluateConfig config) {
    String runId = RunId.next();
    EmotionModel loaded = EmotionModel.load(spark, config.model());
    EmotionModel chosen = config.lyricsOnly() ? loaded.lyricsOnly() : loaded;
    EmotionModel model = config.cascade() ? chosen : chosen.withoutCascade();
    GroundTruthSpec spec = GroundTruthSpec.parse(config.centre(), config.quadrantColumn());
    Dataset<Row> labelled = LabelledSongs.labelled(spark, config.input(), spec);
    java.util.Optional<SongSplits.Rule> rule = SongSplits.Rule.of(model.provenance().get("splits"));
    if (config.split() != null && rule.isPresent()) {  // the songs of that split as the model's training chose them
      labelled = SongSplits.assign(labelled, rule.get());
    }
    Dataset<Row> songs = ScreenedSongs.cache(LabelledSongs.split(labelled, config.split()));
    QuadrantDeriverModel labels = spec.deriver(Quarantine.accepted(songs), model.labels());
    ScreenedSongs screened = ScreenedSongs.of(songs, labels, model::screenLyrics, true, runId);
    // Classified once without the calibration stage, which then runs on the cached rows: both sides for the report.
    Dataset<Row> raw = model.uncalibrated().classifyAccepted(screened.accepted()).cache();
    Dataset<Row> scored = model.calibrator().<Dataset<Row>>map(c -> c.transform(raw)).orElse(raw);
    ClassificationReport report = ConfusionCounts.report(scored, Fields.LABEL, Fields.PREDICTION);
    Map<String, CalibrationMetrics.Result> calibration = calibration(model, raw, scored);
    CoverageMetrics.Result coverage = calibration.isEmpty() ? Report.NO_COVERAGE
        : CoverageMetrics.of(scored, Fields.PROBABILITY, Fields.PREDICTION, Fields.LABEL);
    LOG.info("evaluate: coverage {}", coverage);
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("read", screened.read());
    counts.put("scored", report.total());
    counts.putAll(screened.quarantineCounts());
    Map<String, String> context = new LinkedHashMap<>();
    context.put("model_version", model.version());
    context.put("dataset", String.join(",", config.input().displayPaths())
        + (config.split() == null ? "" : " [" + config.split() + " split" + rule.map(r -> ", split by " + r.by()
            .name().toLowerCase() + " as the model's training split it").orElse("") + "]"));
    context.put("labels", spec.describe(labels));
    context.put("rows", counts.toString());
    context.put("calibration", model.calibrator().map(c -> "temperature scaling, T = " + MarkdownReport.f(
        c.getTemperature()) + " (" + model.provenance().get("calibration") + ")").orElse("none in this model"));
    java.util.Optional<Recalibration.Result> recalibrated = java.util.Optional.empty();
    if (config.recalibrate()) {
      Recalibration.Result rr = Recalibration.fit(model, raw, context.get("dataset"), runId);
      calibration.put(Recalibration.RECALIBRATED, rr.crossFitted());
      context.put("recalibration", String.format(java.util.Locale.ROOT, "temperature scaling refitted on these %d "
          + "songs, T = %s; ECE cross-fitted (each half scaled by the T of the other) %s; new model %s in %s/%s",
          rr.fit().songs(), MarkdownReport.f(rr.fit().temperature()), MarkdownReport.f(rr.crossFitted().ece()),
          rr.model().version(), config.out(), EvaluateConfig.MODEL_DIR));
      recalibrated = java.util.Optional.of(rr);
    }
    java.util.Optional<EmotionModel> cascaded = CascadeStep.run(model, config, screened.accepted(), raw,
        context, runId);
    context.put("run_id", runId);
    String reportDir = config.out() + "/" + EvaluateConfig.REPORT_DIR;
    new ReportWriter(spark).write(new Report("Evaluation of " + model.version(), context, report, Map.of(),
        java.util.List.of(), calibration, coverage), reportDir, runId);
    OutputPublisher publisher = new OutputPublisher(new HadoopFiles(spark));
    publisher.publish(config.out() + "/" + EvaluateConfig.QUARANTINE_DIR, runId,
        staging -> screened.quarantine().write().mode(SaveMode.ErrorIfExists).parquet(staging));
    recalibrated.ifPresent(rr -> publisher.publishSealed(config.out() + "/" + EvaluateConfig.MODEL_DIR, runId,
        staging -> rr.model().save(spark, staging)));
    cascaded.ifPresent(m -> publisher.publishSealed(config.out() + "/" + EvaluateConfig.MODEL_DIR, runId,
        staging -> m.save(spark, staging)));
    raw.unpersist();
    screened.release();
    LOG.info("evaluate: {} on {} songs: accuracy {} macro-F1 {}; rows {}", model.version(), report.total(),
        String.format("%.4f", report.accuracy()), String.format("%.4f", report.macroF1()), counts);
    return new EvaluateResult(runId, report, counts, reportDir, calibration);
  }

  /** The model's probabilities binned by confidence, without and with its calibration stage (if it has one). */
  private static Map<String, CalibrationMetrics.Result> calibration(EmotionModel model, Dataset<Row> raw,
      Dataset<Row> scored) {
    Map<String, CalibrationMetrics.Result> out = new LinkedHashMap<>();
    if (java.util.Arrays.asList(raw.columns()).contains(Fields.PROBABILITY)) {
      boolean calibrated = model.calibrator().isPresent();
      out.put(calibrated ? CalibrationMetrics.UNCALIBRATED : "model",
          CalibrationMetrics.of(raw, Fields.PROBABILITY, Fields.LABEL));
      if (calibrated) {
        out.put(CalibrationMetrics.CALIBRATED, CalibrationMetrics.of(scored, Fields.PROBABILITY, Fields.LABEL));
      }
      LOG.info("evaluate: calibration {}", out);
    }
    return out;
  }
}
