package dev.songmood.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import dev.songmood.encode.EncoderModel;
import dev.songmood.encode.SongEncoding;
import dev.songmood.input.InputSpec;
import dev.songmood.label.LabelConfig;
import dev.songmood.label.LabelJob;
import dev.songmood.label.LabelResult;
import dev.songmood.songs.CatalogSongs;
import dev.songmood.train.SearchSpace;
import dev.songmood.train.TrainConfig;
import dev.songmood.train.TrainJob;
import dev.songmood.train.TrainResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A pipeline with the encoder inside saves, loads and labels identically; the shipped model works out of the box. */
@Tag("slow")
class EncoderModelRoundTripTest extends SparkTestBase {
  private final String songs = projectDir().resolve("sample-data/songs.csv").toString();

  @Test
  void ensembleWithEncoderRoundTrips() {
    SearchSpace space = SearchSpace.builder()
        .families(List.of("tfidf-logreg", "encoder-logreg", "ensemble"))
        .vocabSizes(List.of(1000))
        .minDocFreqs(List.of(2))
        .regParams(List.of(0.1))
        .elasticNets(List.of(0.0))
        .maxIter(50)
        .encoders(List.of("all-minilm-l6-v2-q"))
        .chunkTokens(List.of(64))
        .chunkOverlap(8)
        .songPooling("mean")
        .encodeBatchSize(8)
        .encoderRegParams(List.of(1.0))
        .ensembleWeights(List.of(0.5))
        .build();
    TrainResult trained = TrainJob.run(spark, TrainConfig.builder().input(InputSpec.of(songs)).out(tmp.toString())
        .search(space).build());
    EmotionModel loaded = EmotionModel.load(spark, trained.modelDir());
    Dataset<Row> catalog = dev.songmood.songs.Quarantine.accepted(CatalogSongs.read(spark, InputSpec.of(songs)));
    List<Row> before = trained.model().classify(trained.model().screen(catalog)).orderBy("id")
        .select("id", "probability", "prediction").collectAsList();
    List<Row> after = loaded.classify(loaded.screen(catalog)).orderBy("id")
        .select("id", "probability", "prediction").collectAsList();
    assertEquals(48, before.size());
    assertEquals(before, after);
    assertTrue(trained.search().reports().size() >= 3, "every family measured on the held-out split");
  }

  @Test
  void shippedModelLoadsAndLabelsSampleData() throws Exception {
    Path shipped = projectDir().resolve("models/default");
    EmotionModel model = EmotionModel.load(spark, shipped.toString());
    @SuppressWarnings("unchecked")
    Map<String, Object> encoder = (Map<String, Object>) model.provenance().get("encoder");
    if (encoder != null) {
      assertEquals(SongEncoding.weightsSha256(EncoderModel.parse((String) encoder.get("model"))),
          encoder.get("weights_sha256"), "the shipped model's encoder weights are the ones Maven resolves");
    }
    LabelResult r = LabelJob.run(spark, new LabelConfig(shipped.toString(),
        InputSpec.of(projectDir().resolve("sample-data/catalog.jsonl").toString()), tmp.resolve("o").toString()));
    assertEquals(12L, r.counts().get("labelled"));
    assertTrue(Files.isDirectory(Path.of(r.predictionsDir())));
    assertEquals(model.version(), spark.read().format("delta").load(r.predictionsDir()).first().getAs("model_version"));
    double threshold = model.cascade().orElseThrow(() -> new AssertionError("the shipped model carries the cascade "
        + "train chose for it")).getThreshold();
    assertEquals(((Number) ((Map<?, ?>) model.provenance().get(Cascades.PROVENANCE_FIELD)).get("threshold"))
        .doubleValue(), threshold, "the threshold its provenance records");
    List<Row> paths = spark.read().format("delta").load(r.predictionsDir()).groupBy("cascade_path")
        .agg(org.apache.spark.sql.functions.count("valence").as("with_valence"), org.apache.spark.sql.functions
            .count("*").as("songs")).collectAsList();
    for (Row p : paths) {
      assertTrue(List.of("cheap", "full").contains(p.getString(0)), "a path of the cascade: " + paths);
      assertEquals(p.getString(0).equals("cheap") ? 0L : p.getLong(2), p.getLong(1),
          "valence from the encoder's vectors: none on cheap rows, every full row's: " + paths);
    }
  }
}
