package dev.songmood.bench;

import dev.songmood.evaluate.PairedBootstrap;
import dev.songmood.input.Fields;
import dev.songmood.input.InputSpec;
import dev.songmood.metrics.ClassificationReport;
import dev.songmood.metrics.ConfusionCounts;
import dev.songmood.model.EmotionModel;
import dev.songmood.songs.GroundTruthSpec;
import dev.songmood.songs.LabelledSongs;
import dev.songmood.songs.Quarantine;
import dev.songmood.songs.ScreenedSongs;
import dev.songmood.songs.SongSplits;
import dev.songmood.stages.QuadrantDeriverModel;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Two or more saved models on the same held-out songs, with paired-bootstrap intervals of each one's macro-F1 gain
 * over the first: for models from different {@code train} runs, which the job's own report cannot pair. The songs
 * are the split of the input that the first model's training held out (its provenance's split rule), and every
 * model must have been split the same way. Each model is scored as trained and, when it has catalog priors,
 * lyrics only. Each model's time (screening and classifying the split on local[2], the first one paying the JVM's
 * warm-up) is printed per song.
 *
 * <pre>./bench.sh ModelComparisonBenchmark INPUT SPLIT MODEL_DIR [MODEL_DIR...]</pre>
 */
public final class ModelComparisonBenchmark {
  private ModelComparisonBenchmark() {
  }

  public static void main(String[] args) {
    if (args.length < 3) {
      throw new IllegalArgumentException("usage: ModelComparisonBenchmark INPUT SPLIT MODEL_DIR [MODEL_DIR...]");
    }
    SparkSession spark = BenchSession.local("ModelComparisonBenchmark");
    List<EmotionModel> models = Arrays.stream(args, 2, args.length).map(dir -> EmotionModel.load(spark, dir)).toList();
    SongSplits.Rule rule = SongSplits.Rule.of(models.get(0).provenance().get("splits")).orElseThrow(
        () -> new IllegalArgumentException("the first model records no split rule (trained before models recorded one)"));
    for (EmotionModel m : models) {
      if (!SongSplits.Rule.of(m.provenance().get("splits")).equals(java.util.Optional.of(rule))) {
        throw new IllegalArgumentException(m.version() + " was split another way than " + rule);
      }
    }
    GroundTruthSpec spec = GroundTruthSpec.parse("model", null);
    Dataset<Row> songs = ScreenedSongs.cache(LabelledSongs.split(
        SongSplits.assign(LabelledSongs.labelled(spark, InputSpec.of(args[0]), spec), rule), args[1]));
    int[] labels = null;
    Map<String, int[]> predictions = new LinkedHashMap<>();
    Map<String, ClassificationReport> reports = new LinkedHashMap<>();
    Map<String, Double> seconds = new LinkedHashMap<>();
    for (EmotionModel trained : models) {
      for (EmotionModel m : trained.hasCatalogPriors() ? List.of(trained, trained.lyricsOnly()) : List.of(trained)) {
        long start = System.nanoTime();
        QuadrantDeriverModel centre = spec.deriver(Quarantine.accepted(songs), m.labels());
        ScreenedSongs screened = ScreenedSongs.of(songs, centre, m::screenLyrics, true, "compare");
        Dataset<Row> scored = m.classifyAccepted(screened.accepted())
            .select(Fields.ID, Fields.LABEL, Fields.PREDICTION).orderBy(Fields.ID).cache();
        List<Row> rows = scored.collectAsList();
        seconds.put(m.version(), (System.nanoTime() - start) / 1e9);
        int[] y = rows.stream().mapToInt(r -> (int) Math.round(((Number) r.get(1)).doubleValue())).toArray();
        int[] p = rows.stream().mapToInt(r -> (int) Math.round(((Number) r.get(2)).doubleValue())).toArray();
        if (labels != null && !Arrays.equals(labels, y)) {
          throw new IllegalStateException(m.version() + " scored other songs than the first model");
        }
        labels = y;
        predictions.put(m.version(), p);
        reports.put(m.version(), ConfusionCounts.report(scored, Fields.LABEL, Fields.PREDICTION));
        scored.unpersist();
        screened.release();
      }
    }
    String reference = predictions.keySet().iterator().next();
    Map<String, PairedBootstrap.Result> intervals = PairedBootstrap.compare(labels, predictions, reference, 4, 1000,
        42L);
    System.out.printf(Locale.ROOT, "%d songs of the %s split (%s); reference %s%n", labels.length, args[1], rule,
        reference);
    reports.forEach((name, r) -> System.out.printf(Locale.ROOT,
        "%-62s accuracy %.4f macro-F1 %.4f F1 Q1-Q4 %.3f %.3f %.3f %.3f; %.1f ms/song%n    %s%n", name,
        r.accuracy(), r.macroF1(), r.f1(0), r.f1(1), r.f1(2), r.f1(3), 1000 * seconds.get(name) / r.total(),
        intervals.get(name)));
    spark.stop();
  }
}
