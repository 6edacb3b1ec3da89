package dev.songmood.prepare;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.songmood.Quadrant;
import dev.songmood.charts.ClassBalanceChart;
import dev.songmood.charts.ValenceArousalChart;
import dev.songmood.input.Fields;
import dev.songmood.io.HadoopFiles;
import dev.songmood.io.OutputPublisher;
import dev.songmood.runtime.RunId;
import dev.songmood.songs.GroundTruthSpec;
import dev.songmood.songs.LabelledSongs;
import dev.songmood.songs.Preprocessing;
import dev.songmood.songs.ScreenedSongs;
import dev.songmood.stages.QuadrantDeriverModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code prepare}: reads a labelled data set, cleans lyrics, derives quadrants and writes a Parquet data set
 * ({@code prepared/}: id, artist, title, lyrics, clean_lyrics, valence, arousal, quadrant, quadrant_name, split),
 * the rejected rows ({@code quarantine/}) and pictures of the class balance and the valence/arousal plane
 * ({@code charts/}).
 */
public final class PrepareJob {
  private static final Logger LOG = LoggerFactory.getLogger(PrepareJob.class);
  private static final int MAX_SCATTER_POINTS = 20_000;

  private PrepareJob() {
  }

  public static PrepareResult run(SparkSession spark, PrepareConfig config) {
    String runId = RunId.next();
    GroundTruthSpec spec = GroundTruthSpec.parse(config.centre(), config.quadrantColumn());
    if (spec.usesModelCentre()) {
      throw new IllegalArgumentException("prepare has no model: --centre must be median, mean or a value");
    }
    Dataset<Row> songs = ScreenedSongs.cache(LabelledSongs.labelled(spark, config.input(), spec));
    QuadrantDeriverModel labels = spec.deriver(dev.songmood.songs.Quarantine.accepted(songs), null);
    PipelineModel preprocess = Preprocessing.fit(songs, config.profile(), config.minCleanChars(),
        config.maxRawChars());
    ScreenedSongs screened = ScreenedSongs.of(songs, labels, preprocess::transform, true, runId);

    Column quadrant = col(Fields.QUADRANT);
    Column name = lit(null).cast("string");
    for (Quadrant q : Quadrant.values()) {
      name = when(quadrant.equalTo(q.id()), lit(q.name())).otherwise(name);
    }
    boolean coordinates = spec.usesCoordinates();
    Dataset<Row> prepared = screened.accepted().select(col(Fields.ID), col(Fields.ARTIST), col(Fields.TITLE),
        col(Fields.LYRICS), col(Fields.CLEAN_LYRICS),
        coordinates ? col(Fields.VALENCE) : lit(null).cast("double").as(Fields.VALENCE),
        coordinates ? col(Fields.AROUSAL) : lit(null).cast("double").as(Fields.AROUSAL),
        quadrant, name.as("quadrant_name"), col(Fields.SPLIT));

    HadoopFiles files = new HadoopFiles(spark);
    OutputPublisher publisher = new OutputPublisher(files);
    String preparedDir = config.out() + "/" + PrepareConfig.PREPARED_DIR;
    publisher.publish(preparedDir, runId, staging -> prepared.write().mode(SaveMode.ErrorIfExists).parquet(staging));
    publisher.publish(config.out() + "/" + PrepareConfig.QUARANTINE_DIR, runId,
        staging -> screened.quarantine().write().mode(SaveMode.ErrorIfExists).parquet(staging));

    Dataset<Row> written = spark.read().parquet(preparedDir);
    long[] perQuadrant = new long[Quadrant.COUNT];
    for (Row r : written.groupBy(Fields.QUADRANT).count().collectAsList()) {
      perQuadrant[r.getInt(0)] = r.getLong(1);
    }
    long total = java.util.Arrays.stream(perQuadrant).sum();
    double v = labels == null ? Double.NaN : labels.getValenceCentre();
    double a = labels == null ? Double.NaN : labels.getArousalCentre();
    publisher.publish(config.out() + "/" + PrepareConfig.CHARTS_DIR, runId, staging -> {
      files.write(staging + "/class_balance.png", ClassBalanceChart.png(perQuadrant, "songs", null, null,
          Quadrant.names(), "Class balance of " + String.join(",", config.input().displayPaths())));
      if (coordinates && total > 0) {
        double fraction = Math.min(1.0, (double) MAX_SCATTER_POINTS / total);
        List<Row> points = written.sample(fraction, 7).select(Fields.VALENCE, Fields.AROUSAL, Fields.QUADRANT)
            .collectAsList();
        double[] vs = points.stream().mapToDouble(r -> r.getDouble(0)).toArray();
        double[] as = points.stream().mapToDouble(r -> r.getDouble(1)).toArray();
        int[] qs = points.stream().mapToInt(r -> r.getInt(2)).toArray();
        files.write(staging + "/valence_arousal.png", ValenceArousalChart.png(vs, as, qs, v, a,
            "Valence / arousal (centre " + String.format("%.3f, %.3f", v, a) + ")", MAX_SCATTER_POINTS));
      }
    });
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("read", screened.read());
    counts.put("prepared", total);
    counts.putAll(screened.quarantineCounts());
    screened.release();
    LOG.info("prepare: rows {}; per quadrant {}; centre ({}, {})", counts, java.util.Arrays.toString(perQuadrant),
        v, a);
    return new PrepareResult(runId, counts, perQuadrant, v, a, preparedDir);
  }
}
