package dev.songmood.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import dev.songmood.input.Fields;
import dev.songmood.stages.LexiconFeatures;
import dev.songmood.stages.StyleFeatures;
import dev.songmood.train.ExtraFeatures;
import dev.songmood.train.TfidfSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The TF-IDF family with the lexicon and style features: it trains on a tiny made-up catalog, its fitted pipeline
 * holds the feature stages, reloads from disk with the same answers, and runs in memory as Spark runs it.
 */
class ExtraFeaturesModelTest extends SparkTestBase {
  private static final String[][] LINES = {
      {"we dance all night so happy", "jump and shine, party!", "I love this, alive!"},
      {"I hate this fight", "SCREAM AND BURN, ENEMY!", "rage and war tonight"},
      {"tears alone, so sad", "goodbye, empty grey room", "I lost you and I cry"},
      {"calm and gentle home", "breathe, quiet sweet night", "we rest, so free"}};

  private Dataset<Row> songs() {
    StructType schema = new StructType().add(Fields.ID, DataTypes.StringType).add(Fields.LYRICS, DataTypes.StringType)
        .add(Fields.CLEAN_LYRICS, DataTypes.StringType).add(Fields.QUADRANT, DataTypes.IntegerType)
        .add(Fields.LABEL, DataTypes.DoubleType);
    List<Object[]> rows = new ArrayList<>();
    for (int q = 0; q < 4; q++) {
      for (int i = 0; i < 6; i++) {
        String lyrics = LINES[q][i % 3] + "\n" + LINES[q][(i + 1) % 3] + "\n\n" + LINES[q][i % 3];
        String clean = lyrics.toLowerCase().replaceAll("[^a-z ]+", " ").trim();
        rows.add(new Object[] {"s" + q + "-" + i, lyrics, clean, q, (double) q});
      }
    }
    return frame(schema, rows.toArray(new Object[0][]));
  }

  @Test
  void tfidfWithLexiconAndStyleTrainsSavesReloadsAndRunsInMemory() throws Exception {
    Dataset<Row> data = songs();
    TfidfSpec params = new TfidfSpec(200, 1, 0.01, 0.0, 20, ExtraFeatures.LEXICON_STYLE);
    assertEquals("lexicon+style", params.params().get("extra_features"), "recorded in the model's params");
    PipelineModel fitted = params.fit(data);
    List<String> kinds = Arrays.stream(fitted.stages()).map(t -> t.getClass().getName()).toList();
    assertTrue(kinds.contains(LexiconFeatures.class.getName()) && kinds.contains(StyleFeatures.class.getName()),
        kinds.toString());

    String dir = tmp.resolve("classifier").toString();
    fitted.write().save(dir);
    PipelineModel loaded = PipelineModel.load(dir);
    List<Row> before = fitted.transform(data).collectAsList();
    List<Row> after = loaded.transform(data).collectAsList();
    for (int i = 0; i < before.size(); i++) {
      assertClose(before.get(i).getAs(Fields.PROBABILITY), after.get(i).getAs(Fields.PROBABILITY), 1e-12);
    }
    long right = after.stream().filter(r -> r.<Double>getAs(Fields.PREDICTION).equals(r.getAs(Fields.LABEL)))
        .count();
    assertTrue(right >= 20, "the training songs are learnt: " + right + " of 24");

    // every vector's size is in the schema: an empty batch (all songs rejected) classifies to nothing, no error
    assertEquals(0, loaded.transform(data.limit(0)).count());

    DriverPipeline driver = new DriverPipeline(loaded, 1);
    assertTrue(driver.inMemory(), "the feature stages, assemblers and scaler all have in-memory forms");
    List<Map<String, Object>> local = driver.transform(spark, data.collectAsList(), data.schema());
    for (int i = 0; i < after.size(); i++) {
      assertClose(after.get(i).getAs(Fields.PROBABILITY), (Vector) local.get(i).get(Fields.PROBABILITY), 1e-9);
      assertEquals(after.get(i).<Double>getAs(Fields.PREDICTION), (Double) local.get(i).get(Fields.PREDICTION));
    }
  }

  private static void assertClose(Vector want, Vector got, double tolerance) {
    for (int k = 0; k < want.size(); k++) {
      assertEquals(want.apply(k), got.apply(k), tolerance, "class " + k);
    }
  }
}
