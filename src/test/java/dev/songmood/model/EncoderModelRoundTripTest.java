package dev.songmood.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import dev.songmood.config.InputSpec;
import dev.songmood.encode.EncoderModel;
import dev.songmood.encode.SongEncoding;
import dev.songmood.label.LabelConfig;
import dev.songmood.label.LabelJob;
import dev.songmood.label.LabelResult;
import dev.songmood.prepare.LabelledSongs;
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
import org.junit.jupiter.api.Test;

/** A pipeline with the encoder inside saves, loads and labels identically; the shipped model works out of the box. */
class EncoderModelRoundTripTest extends SparkTestBase {
  private final String songs = projectDir().resolve("sample-data/songs.csv").toString();

  @Test
  void ensembleWithEncoderRoundTrips() {
    SearchSpace s = SearchSpace.defaults();
    SearchSpace space = new SearchSpace(List.of("tfidf-logreg", "encoder-logreg", "ensemble"), List.of(1000),
        List.of(2), List.of(0.1), List.of(0.0), 50, List.of("all-minilm-l6-v2-q"), List.of(64), 8, "mean", 8,
        List.of(1.0), s.mlpHidden(), s.mlpEpochs(), s.mlpBlockSizes(), List.of(0.5), s.priors(), s.fineTune());
    TrainResult trained = TrainJob.run(spark, TrainConfig.defaults(InputSpec.of(songs), tmp.toString())
        .withSearch(space));
    EmotionModel loaded = EmotionModel.load(spark, trained.modelDir());
    Dataset<Row> catalog = dev.songmood.io.Quarantine.accepted(LabelledSongs.catalog(spark, InputSpec.of(songs)));
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
  }
}
