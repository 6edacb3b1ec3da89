package dev.songmood.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SampleModel;
import dev.songmood.SparkTestBase;
import dev.songmood.input.InputSpec;
import dev.songmood.songs.CatalogSongs;
import dev.songmood.train.TrainResult;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class ModelRoundTripTest extends SparkTestBase {

  private List<Row> label(EmotionModel model, Dataset<Row> songs) {
    return model.classify(model.screen(songs)).orderBy("id").select("id", "probability", "prediction")
        .collectAsList();
  }

  @Test
  void savedAndLoadedModelLabelsIdentically() {
    TrainResult trained = SampleModel.get();
    EmotionModel loaded = EmotionModel.load(spark, trained.modelDir());
    Dataset<Row> catalog = dev.songmood.songs.Quarantine.accepted(CatalogSongs.read(spark,
        InputSpec.of(projectDir().resolve("sample-data/songs.csv").toString())));
    List<Row> before = label(trained.model(), catalog);
    List<Row> after = label(loaded, catalog);
    assertEquals(48, before.size());
    assertEquals(before, after);

    // Stages saved inside the model: same cleaning profile and the learned centre.
    assertEquals(trained.model().labels().getValenceCentre(), loaded.labels().getValenceCentre());
    assertEquals(trained.model().labels().getArousalCentre(), loaded.labels().getArousalCentre());
    assertEquals(trained.model().version(), loaded.version());
  }

  @Test
  void provenanceRecordsInputsCountsParamsVersionsAndCommit() {
    Provenance p = EmotionModel.load(spark, SampleModel.get().modelDir()).provenance();
    assertTrue(p.version().startsWith("tfidf-logreg-"));
    assertTrue(String.valueOf(p.get("inputs")).contains("songs.csv"));
    @SuppressWarnings("unchecked")
    Map<String, Object> rows = (Map<String, Object>) p.get("rows");
    assertEquals(48, ((Number) rows.get("read")).intValue());
    assertEquals(32, ((Number) rows.get("train")).intValue());
    @SuppressWarnings("unchecked")
    Map<String, Object> versions = (Map<String, Object>) p.get("versions");
    assertEquals("3.5.9", versions.get("spark"));
    assertTrue(versions.containsKey("git_commit"));
    assertTrue(p.get("params") instanceof Map);
    assertTrue(p.get("created_at") instanceof String);
  }
}
