package dev.songmood.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import dev.songmood.encode.SongEncoding;
import dev.songmood.input.Fields;
import dev.songmood.stages.EncoderCascade;
import dev.songmood.stages.LyricsEncoder;
import dev.songmood.stages.PipelineStages;
import dev.songmood.stages.ProbabilityCalibrator;
import dev.songmood.stages.QuadrantDeriverModel;
import dev.songmood.train.EncoderLogRegSpec;
import dev.songmood.train.EnsembleSpec;
import dev.songmood.train.TfidfSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The encoder cascade on a real model: a TF-IDF + encoder ensemble (the real small encoder) fitted on inline songs,
 * with a calibration stage, and a cascade whose threshold splits the songs to label. The encoder sees only the
 * songs the cheap path is unsure of (counted in {@link SongEncoding#songsEncoded}), in Spark and in memory.
 */
@Tag("slow")
class EncoderCascadeTest extends SparkTestBase {
  private static final String[][] WORDS = {
      {"sunshine", "dance", "joy", "smile", "party"}, {"rage", "fight", "burn", "hate", "scream"},
      {"tears", "alone", "cry", "goodbye", "grave"}, {"calm", "breeze", "slow", "sea", "dream"}};
  private static final StructType SCHEMA = new StructType().add(Fields.ID, DataTypes.StringType)
      .add(Fields.LABEL, DataTypes.DoubleType).add(Fields.QUADRANT, DataTypes.IntegerType)
      .add(Fields.CLEAN_LYRICS, DataTypes.StringType)
      .add(Fields.LIGHT_LYRICS, DataTypes.StringType);

  /** Songs made of one quadrant's words (the cheap member is sure), then songs mixing every quadrant's. */
  private Dataset<Row> songs(String prefix, int perQuadrant, boolean mixed) {
    List<Row> rows = new ArrayList<>();
    for (int q = 0; q < 4; q++) {
      for (int i = 0; i < perQuadrant; i++) {
        List<String> words = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
          words.add(WORDS[q][(i + k) % 5]);
          if (mixed && k % 3 == 0) {
            words.add(WORDS[(q + 1 + k % 2) % 4][(i + k) % 5]);
          }
        }
        String text = String.join(" ", words);
        rows.add(RowFactory.create(prefix + q + "_" + i, (double) q, q, text, text));
      }
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  private EmotionModel plainModel() {
    LyricsEncoder encoder = new LyricsEncoder().setModel("all-minilm-l6-v2-q").setChunkTokens(64);
    Dataset<Row> train = encoder.transform(songs("t", 6, false).unionByName(songs("m", 2, true)));
    PipelineModel ensemble = new EnsembleSpec(new TfidfSpec(1000, 1, 0.01, 0.0, 50),
        new EncoderLogRegSpec(1.0, 0.0, 50), 0.7).fit(train);
    PipelineModel classifier = new PipelineModel("classifier_test", List.<Transformer>of(encoder, ensemble));
    PipelineModel calibrated = new PipelineModel("classifier_test_calibrated",
        List.<Transformer>of(classifier, new ProbabilityCalibrator().setTemperature(1.5)));
    return new EmotionModel(new QuadrantDeriverModel("quadrantDeriver_none"),
        new PipelineModel("preprocess_none", List.of()), calibrated, new Provenance(Map.of("model_version", "t-1")));
  }

  private Dataset<Row> toLabel() {
    return songs("s", 2, false).unionByName(songs("u", 2, true));
  }

  /** The cheap path's confidence per song, and a threshold with songs on both sides of it. */
  private static double threshold(Map<String, Double> confidence) {
    double[] sorted = confidence.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double t = sorted[sorted.length / 2];
    assertTrue(t > sorted[0], "the songs' cheap confidences differ: " + Arrays.toString(sorted));
    return t;
  }

  private Map<String, Double> cheapConfidence(EmotionModel model, Dataset<Row> songs) {
    Map<String, Double> out = new HashMap<>();
    for (Row r : Cascades.cheapPath(model).orElseThrow().transform(songs).select(Fields.ID, Fields.PROBABILITY)
        .collectAsList()) {
      Vector p = r.getAs(1);
      out.put(r.getString(0), p.apply(p.argmax()));
    }
    return out;
  }

  private static Map<String, Row> byId(Dataset<Row> classified) {
    Map<String, Row> out = new HashMap<>();
    classified.select(Fields.ID, Fields.CASCADE_PATH, Fields.PROBABILITY, Fields.PREDICTION).collectAsList()
        .forEach(r -> out.put(r.getString(0), r));
    return out;
  }

  @Test
  void cascadeRoutesSureSongsAroundTheEncoderAndSavesItsThreshold() {
    EmotionModel plain = plainModel();
    Dataset<Row> songs = toLabel();
    Map<String, Double> confidence = cheapConfidence(plain, songs);
    double t = threshold(confidence);
    long unsure = confidence.values().stream().filter(c -> c < t).count();
    EmotionModel cascaded = Cascades.withCascade(plain, t, new Provenance(Map.of("model_version", "t-1+c")));

    long before = SongEncoding.songsEncoded();
    Dataset<Row> classified = cascaded.classifyAccepted(songs);
    Map<String, Row> labelled = byId(classified);
    assertEquals(unsure, SongEncoding.songsEncoded() - before, "the encoder saw only the unsure songs");
    assertEquals(confidence.size(), labelled.size());
    assertOnePass(plain, songs, classified);

    before = SongEncoding.songsEncoded();
    Map<String, Row> full = byId(plain.classifyAccepted(songs));
    assertEquals(confidence.size(), SongEncoding.songsEncoded() - before, "without a cascade every song is encoded");
    Map<String, Row> off = byId(cascaded.withoutCascade().classifyAccepted(songs));
    Map<String, Row> cheap = byId(cascaded.calibrator().orElseThrow()
        .transform(Cascades.cheapPath(plain).orElseThrow().transform(songs)).withColumn(Fields.CASCADE_PATH,
            org.apache.spark.sql.functions.lit("-")));
    for (Map.Entry<String, Double> song : confidence.entrySet()) {
      String id = song.getKey();
      boolean sure = song.getValue() >= t;
      Row row = labelled.get(id);
      assertEquals(sure ? EncoderCascade.CHEAP : EncoderCascade.FULL, row.getString(1), id);
      Row expected = sure ? cheap.get(id) : full.get(id);
      assertEquals(expected.get(2), row.get(2), id + ": the answer of the path that labelled it");
      assertEquals(EncoderCascade.FULL, full.get(id).getString(1), "a model without a cascade: path full");
      assertEquals(EncoderCascade.FULL, off.get(id).getString(1), "--cascade off: path full");
      assertEquals(full.get(id).get(2), off.get(id).get(2), "--cascade off: the full ensemble's answer");
    }

    String dir = tmp.resolve("cascaded").toString();
    cascaded.save(spark, dir);
    EmotionModel loaded = EmotionModel.load(spark, dir);
    assertEquals(t, loaded.cascade().orElseThrow().getThreshold(), "threshold saved and loaded with the model");
    assertEquals(labelled, byId(loaded.classifyAccepted(songs)), "the loaded model labels as the saved one");
    assertFalse(loaded.withoutCascade().cascade().isPresent());
    assertEquals(1.5, loaded.calibrator().orElseThrow().getTemperature(), "the calibration comes after the cascade");
  }

  /**
   * The cascade is one pass over the songs: their partitions kept (two filtered branches unioned would double them),
   * the songs read once, and the TF-IDF member's first stage run once per song (not again inside the full path).
   */
  private static void assertOnePass(EmotionModel plain, Dataset<Row> songs, Dataset<Row> classified) {
    assertEquals(songs.rdd().getNumPartitions(), classified.rdd().getNumPartitions(), "the songs' partitions kept");
    assertEquals(songs.queryExecution().optimizedPlan().collectLeaves().size(),
        classified.queryExecution().optimizedPlan().collectLeaves().size(), "the songs read once");
    PipelineModel cheap = Cascades.cheapPath(plain).orElseThrow();
    Transformer first = PipelineStages.flatten(cheap).get(0);
    String call = "UDF(" + first.getOrDefault(first.getParam("inputCol")) + "#";  // its function on its input
    int once = occurrences(cheap.transform(songs), call);
    assertTrue(once > 0, call);
    assertEquals(once, occurrences(classified, call), "the cheap path's first stage runs once per song: " + call);
  }

  /** How often {@code text} is in the analyzed plan of {@code frame}, printed in full. */
  private static int occurrences(Dataset<Row> frame, String text) {
    String plan = frame.queryExecution().analyzed().treeString(true, false, Integer.MAX_VALUE, false);
    return plan.split(java.util.regex.Pattern.quote(text), -1).length - 1;
  }

  @Test
  void inMemoryAnswersFollowTheSameRoutes() {
    EmotionModel plain = plainModel();
    Dataset<Row> songs = toLabel();
    Map<String, Double> confidence = cheapConfidence(plain, songs);
    double t = threshold(confidence);
    EmotionModel cascaded = Cascades.withCascade(plain, t, new Provenance(Map.of("model_version", "t-1+c")));
    Map<String, Row> bySpark = byId(cascaded.classifyAccepted(songs));
    assertTrue(cascaded.answersInMemory());
    List<Map<String, Object>> inMemory = new ArrayList<>();
    for (Row r : songs.collectAsList()) {
      Map<String, Object> song = new HashMap<>();
      for (String c : SCHEMA.fieldNames()) {
        song.put(c, r.getAs(c));
      }
      inMemory.add(song);
    }
    long unsure = confidence.values().stream().filter(c -> c < t).count();
    long before = SongEncoding.songsEncoded();
    List<Map<String, Object>> answered = cascaded.classifyInMemory(inMemory);
    assertEquals(unsure, SongEncoding.songsEncoded() - before, "in memory too, only the unsure songs are encoded");
    for (Map<String, Object> song : answered) {
      Row expected = bySpark.get((String) song.get(Fields.ID));
      assertEquals(expected.getString(1), song.get(Fields.CASCADE_PATH));
      Vector p = (Vector) song.get(Fields.PROBABILITY);
      Vector q = expected.getAs(2);
      for (int i = 0; i < 4; i++) {
        assertEquals(q.apply(i), p.apply(i), 1e-9);
      }
    }
  }
}
