package dev.songmood.model;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import dev.songmood.input.Fields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The driver's two ways through a model ({@code serve}, {@code predict}) give what Spark's own transform gives: the
 * in-memory forms of the shipped model's stages (encoder, TF-IDF features, logistic regressions, averager, catalog
 * prior) against the same stages run by Spark, song by song.
 */
class DriverPipelineTest extends SparkTestBase {

  private Dataset<Row> accepted(EmotionModel model) {
    Dataset<Row> catalog = spark.read().json("sample-data/catalog.jsonl");
    return model.screenLyrics(catalog).where(col(Fields.REJECT_REASON).isNull())
        .drop(Fields.REJECT_REASON, Fields.REJECT_DETAIL);
  }

  private static void assertSameAnswers(List<Row> expected, List<Map<String, Object>> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      Row want = expected.get(i);
      Map<String, Object> got = actual.get(i);
      assertEquals(want.<String>getAs(Fields.ID), got.get(Fields.ID), "input order is kept");
      Vector p = want.getAs(Fields.PROBABILITY);
      Vector q = (Vector) got.get(Fields.PROBABILITY);
      assertNotNull(q, "probability of " + got.get(Fields.ID));
      for (int k = 0; k < p.size(); k++) {
        assertEquals(p.apply(k), q.apply(k), 1e-6, got.get(Fields.ID) + " class " + k);
      }
      assertEquals(want.<Double>getAs(Fields.PREDICTION), (Double) got.get(Fields.PREDICTION));
    }
  }

  @Test
  void theShippedModelRunsInMemoryAndAgreesWithSpark() {
    EmotionModel model = EmotionModel.load(spark, "models/default");
    Dataset<Row> accepted = accepted(model);
    List<Row> rows = accepted.collectAsList();
    assertTrue(rows.size() >= 10, "sample-data has songs to compare: " + rows.size());
    List<Row> expected = model.classifyAccepted(accepted).collectAsList();

    DriverPipeline driver = new DriverPipeline(model.classifier(), 2);
    assertTrue(driver.inMemory(), "every stage of the shipped model has an in-memory form");
    assertTrue(model.answersInMemory(), "its screen too: cleaners, lyrics screen, language stage");
    assertSameAnswers(expected, driver.transform(spark, rows, accepted.schema()));

    DriverPipeline lyricsOnly = new DriverPipeline(model.lyricsOnly().classifier(), 2);
    assertTrue(lyricsOnly.inMemory());
    assertSameAnswers(model.lyricsOnly().classifyAccepted(accepted).collectAsList(),
        lyricsOnly.transform(spark, rows, accepted.schema()));
  }

  @Test
  void aStageWithoutAnInMemoryFormGoesThroughALocalRelation() {
    EmotionModel model = EmotionModel.load(spark, "models/default");
    Dataset<Row> accepted = accepted(model);
    List<Transformer> stages = new ArrayList<>(List.of(model.classifier().stages()));
    stages.add(new SQLTransformer().setStatement("SELECT *, length(" + Fields.ID + ") AS id_length FROM __THIS__"));
    PipelineModel withSql = new PipelineModel("withSql", stages.toArray(new Transformer[0]));

    DriverPipeline driver = new DriverPipeline(withSql, 2);
    assertFalse(driver.inMemory(), "SQLTransformer has no in-memory form");
    List<Map<String, Object>> songs = driver.transform(spark, accepted.collectAsList(), accepted.schema());
    assertSameAnswers(model.classifyAccepted(accepted).collectAsList(), songs);
    assertEquals(6, songs.get(0).get("id_length"), "the extra stage ran: " + songs.get(0).get(Fields.ID));
  }
}
