package dev.songmood.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import dev.songmood.input.Fields;
import dev.songmood.stages.CatalogPrior;
import dev.songmood.stages.QuadrantDeriverModel;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** {@code --lyrics-only}: a model's catalog priors are left out, wherever they sit, and its version says so. */
class EmotionModelLyricsOnlyTest extends SparkTestBase {
  private static final Vector LYRICS = Vectors.dense(0.1, 0.2, 0.3, 0.4);

  private EmotionModel model() {
    StructType train = new StructType().add(Fields.ARTIST, DataTypes.StringType)
        .add(Fields.LABEL, DataTypes.DoubleType);
    Transformer prior = new CatalogPrior().setKeyCols(Fields.ARTIST).setWeights(1.0).setSmoothing(1.0)
        .fit(frame(train, new Object[] {"Joy Co", 0.0}, new Object[] {"Joy Co", 0.0}, new Object[] {"Other", 2.0}));
    // the prior nested one level down, as train saves it (lyrics classifier pipeline, then the prior)
    PipelineModel classifier = new PipelineModel("classifier",
        List.<Transformer>of(new PipelineModel("withPrior", List.<Transformer>of(prior))));
    return new EmotionModel(new QuadrantDeriverModel("quadrantDeriver_none"),
        new PipelineModel("preprocess", List.<Transformer>of()), classifier,
        new Provenance(Map.of("model_version", "v1")));
  }

  private Vector scored(EmotionModel m) {
    StructType schema = new StructType().add(Fields.ID, DataTypes.StringType)
        .add(Fields.ARTIST, DataTypes.StringType).add(Fields.PROBABILITY, SQLDataTypes.VectorType())
        .add(Fields.REJECT_REASON, DataTypes.StringType);
    Row r = m.classify(frame(schema, new Object[] {"s1", "Joy Co", LYRICS, null})).first();
    return r.getAs(Fields.PROBABILITY);
  }

  @Test
  void lyricsOnlyLeavesOutThePriorAndRenamesTheVersion() {
    EmotionModel full = model();
    assertTrue(full.hasCatalogPriors());
    assertEquals(0, scored(full).argmax(), "Joy Co's prior moves the song to Q1");
    EmotionModel lyrics = full.lyricsOnly();
    assertFalse(lyrics.hasCatalogPriors());
    assertEquals("v1" + EmotionModel.LYRICS_ONLY, lyrics.version());
    assertArrayEquals(LYRICS.toArray(), scored(lyrics).toArray(), 0.0);
    assertEquals("v1", full.version(), "the loaded model itself is unchanged");
    assertTrue(full.hasCatalogPriors());
  }

  @Test
  void aModelWithoutPriorsIsItsOwnLyricsOnlyModel() {
    EmotionModel lyrics = model().lyricsOnly();
    assertSame(lyrics, lyrics.lyricsOnly());
  }
}
