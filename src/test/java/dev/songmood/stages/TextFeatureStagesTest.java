package dev.songmood.stages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import dev.songmood.input.Fields;
import dev.songmood.stages.text.LyricStyle;
import dev.songmood.stages.text.LyricsText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The lexicon and style stages: the same vectors through Spark, in memory and after a save and load. */
class TextFeatureStagesTest extends SparkTestBase {
  private static final String[] LYRICS = {
      "[Verse 1]\nI am not happy tonight\nThe night was sad but the morning is sweet\n\n[Chorus]\nHold on, hold on!\n"
          + "We're gonna shine\n\nHOLD ON, HOLD ON!\nwe're gonna shine",
      "Really really happy!!\nAre you sad????\nno love tonight",
      "la la la",
      ""};

  private Dataset<Row> songs() {
    StructType schema = new StructType().add(Fields.ID, DataTypes.StringType).add(Fields.LYRICS, DataTypes.StringType);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < LYRICS.length; i++) {
      rows.add(new Object[] {"s" + i, LYRICS[i]});
    }
    rows.add(new Object[] {"null", null});
    return frame(schema, rows.toArray(new Object[0][]));
  }

  private static List<TextFeatureStage> stages() {
    return List.of(new LexiconFeatures(), new StyleFeatures());
  }

  private static Map<String, double[]> byId(Dataset<Row> out, String column) {
    Map<String, double[]> m = new HashMap<>();
    for (Row r : out.collectAsList()) {
      m.put(r.getAs(Fields.ID), ((Vector) r.getAs(column)).toArray());
    }
    return m;
  }

  @Test
  void rawLyricsAreNormalisedLightlyAsTheEncodersInputIs() {
    for (TextFeatureStage stage : stages()) {
      Map<String, double[]> got = byId(stage.transform(songs()), stage.getOutputCol());
      for (int i = 0; i < LYRICS.length; i++) {
        double[] want = stage.rule().features(LyricsText.normalizeLight(LYRICS[i]));
        assertArrayEquals(want, got.get("s" + i), 0.0, stage.getClass().getSimpleName() + " s" + i);
      }
      assertArrayEquals(new double[stage.featureNames().size()], got.get("null"), 0.0, "missing text: zeros");
    }
    // the section markers are gone, so the sections are the blank-line stanzas: 6 lines in 3 sections
    assertEquals(2.0, LyricStyle.features(LyricsText.normalizeLight(LYRICS[0]))[2], 1e-12);
  }

  @Test
  void lightLyricsAreReadAsTheyAreWhenTheRowsHaveThem() {
    Dataset<Row> withLight = songs().withColumn(Fields.LIGHT_LYRICS, org.apache.spark.sql.functions.lit("so happy"));
    LexiconFeatures stage = new LexiconFeatures();
    double[] got = byId(stage.transform(withLight), stage.getOutputCol()).get("s2");
    assertArrayEquals(LexiconFeatures.features("so happy"), got, 0.0);
  }

  @Test
  void inMemoryEqualsSparkAndTheVectorSizeIsInTheSchema() {
    Dataset<Row> data = songs();
    for (TextFeatureStage stage : stages()) {
      Dataset<Row> out = stage.transform(data);
      assertEquals(stage.featureNames().size(), AttributeGroup.fromStructField(out.schema()
          .apply(stage.getOutputCol())).size());
      Map<String, double[]> spark = byId(out, stage.getOutputCol());
      List<Map<String, Object>> local = new ArrayList<>();
      for (Row r : data.collectAsList()) {
        Map<String, Object> song = new HashMap<>();
        song.put(Fields.ID, r.getAs(Fields.ID));
        song.put(Fields.LYRICS, r.getAs(Fields.LYRICS));
        local.add(song);
      }
      stage.applyLocally(local);
      for (Map<String, Object> song : local) {
        assertArrayEquals(spark.get((String) song.get(Fields.ID)), ((Vector) song.get(stage.getOutputCol())).toArray(),
            0.0, stage.getClass().getSimpleName() + " " + song.get(Fields.ID));
      }
    }
  }

  @Test
  void anEmptyBatchAssemblesWithoutInferringSizes() {
    Dataset<Row> none = new StyleFeatures().transform(new LexiconFeatures().transform(songs().limit(0)));
    Dataset<Row> out = new VectorAssembler().setInputCols(new String[] {"lexicon_features", "style_features"})
        .setOutputCol("all").transform(none);
    assertEquals(0, out.count());
  }

  @Test
  void savedAndLoadedStagesGiveTheSameVectors() throws Exception {
    LexiconFeatures lexicon = (LexiconFeatures) new LexiconFeatures().setOutputCol("affect");
    lexicon.write().save(tmp.resolve("lexicon").toString());
    LexiconFeatures lexiconBack = LexiconFeatures.load(tmp.resolve("lexicon").toString());
    StyleFeatures style = new StyleFeatures();
    style.write().save(tmp.resolve("style").toString());
    StyleFeatures styleBack = StyleFeatures.load(tmp.resolve("style").toString());
    StageRoundTrip.check(lexicon, tmp, LexiconFeatures::load, songs(), Fields.ID);
    StageRoundTrip.check(style, tmp, StyleFeatures::load, songs(), Fields.ID);

    assertEquals(lexicon.uid(), lexiconBack.uid());
    assertEquals("affect", lexiconBack.getOutputCol());
    Dataset<Row> data = songs();
    assertTrue(byId(lexicon.transform(data), "affect").keySet().size() == LYRICS.length + 1);
    Map<String, double[]> a = byId(lexicon.transform(data), "affect");
    Map<String, double[]> b = byId(lexiconBack.transform(data), "affect");
    Map<String, double[]> c = byId(style.transform(data), style.getOutputCol());
    Map<String, double[]> d = byId(styleBack.transform(data), styleBack.getOutputCol());
    for (String id : a.keySet()) {
      assertArrayEquals(a.get(id), b.get(id), 0.0);
      assertArrayEquals(c.get(id), d.get(id), 0.0);
    }
  }
}
