package dev.songmood.evaluate;

import dev.songmood.config.Fields;
import dev.songmood.config.RunId;
import dev.songmood.io.HadoopFiles;
import dev.songmood.io.OutputPublisher;
import dev.songmood.metrics.ClassificationReport;
import dev.songmood.metrics.ConfusionCounts;
import dev.songmood.model.EmotionModel;
import dev.songmood.songs.LabelSpec;
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
    EmotionModel model = config.lyricsOnly() ? loaded.lyricsOnly() : loaded;
    LabelSpec spec = LabelSpec.parse(config.centre(), config.quadrantColumn());
    Dataset<Row> labelled = LabelledSongs.labelled(spark, config.input(), spec);
    java.util.Optional<SongSplits.Rule> rule = SongSplits.Rule.of(model.provenance().get("splits"));
    if (config.split() != null && rule.isPresent()) {  // the songs of that split as the model's training chose them
      labelled = SongSplits.assign(labelled, rule.get());
    }
    Dataset<Row> songs = ScreenedSongs.cache(LabelledSongs.split(labelled, config.split()));
    QuadrantDeriverModel labels = spec.deriver(Quarantine.accepted(songs), model.labels());
    ScreenedSongs screened = ScreenedSongs.of(songs, labels, model::screenLyrics, true, runId);
    ClassificationReport report = ConfusionCounts.report(model.classifyAccepted(screened.accepted()),
        Fields.LABEL, Fields.PREDICTION);
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
    context.put("run_id", runId);
    String reportDir = config.out() + "/" + EvaluateConfig.REPORT_DIR;
    new ReportWriter(spark).write(new Report("Evaluation of " + model.version(), context, report, Map.of(),
        java.util.List.of()), reportDir, runId);
    new OutputPublisher(new HadoopFiles(spark)).publish(config.out() + "/" + EvaluateConfig.QUARANTINE_DIR, runId,
        staging -> screened.quarantine().write().mode(SaveMode.ErrorIfExists).parquet(staging));
    screened.release();
    LOG.info("evaluate: {} on {} songs: accuracy {} macro-F1 {}; rows {}", model.version(), report.total(),
        String.format("%.4f", report.accuracy()), String.format("%.4f", report.macroF1()), counts);
    return new EvaluateResult(runId, report, counts, reportDir);
  }
}
