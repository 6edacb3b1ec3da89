package dev.songmood.label;

import dev.songmood.config.RunId;
import dev.songmood.io.HadoopFiles;
import dev.songmood.io.OutputPublisher;
import dev.songmood.model.EmotionModel;
import dev.songmood.prepare.LabelledSongs;
import dev.songmood.prepare.ScreenedSongs;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code label}: applies a saved model to a catalog. Every input row ends in exactly one table: predictions
 * (see {@link Predictions}) or quarantine, with the reason. The model is loaded before the catalog is touched, so a
 * bad model path stops the run before any work.
 */
public final class LabelJob {
  private static final Logger LOG = LoggerFactory.getLogger(LabelJob.class);

  private LabelJob() {
  }

  public static LabelResult run(SparkSession spark, LabelConfig config) {
    long start = System.nanoTime();
    String runId = RunId.next();
    EmotionModel loaded = EmotionModel.load(spark, config.model());
    EmotionModel model = config.lyricsOnly() ? loaded.lyricsOnly() : loaded;
    LOG.info("label: model {}, catalog {}", model.version(), config.input().displayPaths());
    ScreenedSongs screened = ScreenedSongs.of(LabelledSongs.catalog(spark, config.input()), null, model.preprocess(),
        false, runId);
    OutputPublisher publisher = new OutputPublisher(new HadoopFiles(spark));
    String predictionsDir = config.out() + "/" + LabelConfig.PREDICTIONS_DIR;
    String quarantineDir = config.out() + "/" + LabelConfig.QUARANTINE_DIR;
    publisher.publish(predictionsDir, runId, staging ->
        Predictions.of(model.classifier().transform(screened.accepted()), model.version(), runId)
            .write().mode(SaveMode.ErrorIfExists).parquet(staging));
    publisher.publish(quarantineDir, runId, staging ->
        screened.quarantine().write().mode(SaveMode.ErrorIfExists).parquet(staging));

    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("read", screened.read());
    counts.put("labelled", spark.read().parquet(predictionsDir).count());
    counts.putAll(screened.quarantineCounts());
    screened.release();
    double seconds = (System.nanoTime() - start) / 1e9;
    LOG.info("label: {} songs read, {} labelled, quarantined {} in {} s ({} songs/s)", counts.get("read"),
        counts.get("labelled"), counts, String.format("%.1f", seconds),
        String.format("%.1f", counts.get("read") / Math.max(seconds, 1e-9)));
    return new LabelResult(runId, model.version(), counts, predictionsDir, quarantineDir, seconds);
  }
}
