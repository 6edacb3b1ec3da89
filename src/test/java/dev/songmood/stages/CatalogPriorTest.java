package dev.songmood.stages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.songmood.SparkTestBase;
import dev.songmood.input.Fields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The catalog prior: counts per artist, the combination rule by hand, unknown artists untouched, round trip. */
class CatalogPriorTest extends SparkTestBase {
  private static final StructType TRAIN = new StructType()
      .add(Fields.ID, DataTypes.StringType).add(Fields.ARTIST, DataTypes.StringType)
      .add(Fields.LABEL, DataTypes.DoubleType);
  private static final StructType SCORED = new StructType()
      .add(Fields.ID, DataTypes.StringType).add(Fields.ARTIST, DataTypes.StringType)
      .add(Fields.PROBABILITY, SQLDataTypes.VectorType());
  private static final Vector FLAT = Vectors.dense(0.25, 0.25, 0.25, 0.25);
  private static final Vector LEANING = Vectors.dense(0.1, 0.2, 0.3, 0.4);

  /** 8 songs: the Sad Band's three songs are all Q3; two other artists; the class counts are 3, 1, 3, 1. */
  private Dataset<Row> training() {
    return frame(TRAIN,
        new Object[] {"1", "The Sad Band", 2.0}, new Object[] {"2", "the  sad band ", 2.0},
        new Object[] {"3", "THE SAD BAND", 2.0}, new Object[] {"4", "Joy Co", 0.0},
        new Object[] {"5", "Joy Co", 0.0}, new Object[] {"6", "Joy Co", 0.0},
        new Object[] {"7", "Mixed", 1.0}, new Object[] {"8", null, 3.0});
  }

  private CatalogPriorModel fitted(double weight, double smoothing) {
    return new CatalogPrior().setKeyCols(Fields.ARTIST).setWeights(weight).setSmoothing(smoothing)
        .fit(training());
  }

  private Map<String, Vector> scored(CatalogPriorModel model, Dataset<Row> songs) {
    Map<String, Vector> out = new TreeMap<>();
    for (Row r : model.transform(songs).collectAsList()) {
      out.put(r.getAs(Fields.ID), r.getAs(Fields.PROBABILITY));
    }
    return out;
  }

  private Dataset<Row> catalog() {
    return frame(SCORED, new Object[] {"a", "The Sad Band", FLAT}, new Object[] {"b", "Unknown Artist", LEANING},
        new Object[] {"c", null, LEANING}, new Object[] {"d", "joy co", LEANING});
  }

  @Test
  void countsArePerNormalisedValueAndNullsAreNotCounted() {
    CatalogPriorModel model = fitted(1.0, 3.0);
    assertArrayEquals(new double[] {0, 0, 3, 0}, model.counts(Fields.ARTIST, "the sad band"));
    assertArrayEquals(new double[] {3, 0, 0, 0}, model.counts(Fields.ARTIST, " JOY   CO"));
    assertNull(model.counts(Fields.ARTIST, "nobody"));
    assertEquals(3, model.values(Fields.ARTIST));
  }

  @Test
  void combinationFollowsTheRuleComputedByHand() {
    // class counts 3,1,3,1 of 8 songs: base = (n_q + 1) / (8 + 4) = 4/12, 2/12, 4/12, 2/12.
    // The Sad Band, smoothing 3: p_k = (n + 3 * base) / (3 + 3) = (0 + 1)/6, (0 + .5)/6, (3 + 1)/6, (0 + .5)/6.
    // Flat lyrics probabilities times p_k / base: 0.5, 0.5, 2, 0.5, normalised: 1/7, 1/7, 4/7, 1/7.
    Map<String, Vector> out = scored(fitted(1.0, 3.0), catalog());
    assertArrayEquals(new double[] {1 / 7.0, 1 / 7.0, 4 / 7.0, 1 / 7.0}, out.get("a").toArray(), 1e-12);
    // Half the weight: the square roots of those ratios, normalised.
    double s = Math.sqrt(0.5);
    double z = 3 * s + Math.sqrt(2);
    assertArrayEquals(new double[] {s / z, s / z, Math.sqrt(2) / z, s / z},
        scored(fitted(0.5, 3.0), catalog()).get("a").toArray(), 1e-12);
  }

  @Test
  void unknownOrMissingArtistsKeepTheLyricsProbabilities() {
    Map<String, Vector> out = scored(fitted(1.0, 3.0), catalog());
    assertArrayEquals(LEANING.toArray(), out.get("b").toArray(), 1e-12);
    assertArrayEquals(LEANING.toArray(), out.get("c").toArray(), 1e-12);
    // A known artist pulls towards its quadrant: Joy Co's Q1 now wins over the lyrics' Q4.
    assertEquals(0, out.get("d").argmax());
    // An input without the artist column is labelled as by the lyrics model alone.
    Dataset<Row> noArtist = catalog().drop(Fields.ARTIST);
    List<Row> rows = fitted(1.0, 3.0).transform(noArtist).orderBy(Fields.ID).collectAsList();
    assertEquals(LEANING, rows.get(1).getAs(Fields.PROBABILITY));
    assertEquals(3.0, (double) rows.get(1).getAs(Fields.PREDICTION));
  }

  @Test
  void zeroWeightChangesNothing() {
    Map<String, Vector> out = scored(fitted(0.0, 3.0), catalog());
    assertArrayEquals(FLAT.toArray(), out.get("a").toArray(), 1e-12);
  }

  @Test
  void savedModelLoadsAndScoresIdentically() throws Exception {
    CatalogPriorModel model = fitted(0.7, 2.0);
    CatalogPriorModel loaded = StageRoundTrip.check(model, tmp, CatalogPriorModel::load, catalog(), Fields.ID);
    assertArrayEquals(new String[] {Fields.ARTIST}, loaded.getKeyCols());
    assertEquals(0.7, loaded.getWeights()[0]);
    assertEquals(2.0, loaded.getSmoothing());
    assertEquals(new ArrayList<>(scored(model, catalog()).values()), new ArrayList<>(scored(loaded, catalog()).values()));
  }

  @Test
  void theEstimatorSavesAndLoadsItsParams() {
    CatalogPrior prior = new CatalogPrior().setKeyCols(Fields.ARTIST, Fields.GENRE).setWeights(0.5, 0.25)
        .setSmoothing(4.0);
    CatalogPrior loaded = StageRoundTrip.check(prior, tmp, CatalogPrior::load, null, null);
    assertArrayEquals(new double[] {0.5, 0.25}, loaded.getWeights());
    assertEquals(4.0, loaded.getSmoothing());
    assertEquals(CatalogPriorParams.SMOOTHING_DEFAULT, new CatalogPrior().getSmoothing());
  }

  @Test
  void savedInsideAPipelineModelItLoadsByClassName() throws Exception {
    PipelineModel pipeline = new PipelineModel("withPrior",
        java.util.List.<org.apache.spark.ml.Transformer>of(fitted(1.0, 3.0)));
    String path = tmp.resolve("pipeline").toString();
    pipeline.write().save(path);
    PipelineModel loaded = PipelineModel.load(path);
    assertEquals(CatalogPriorModel.class, loaded.stages()[0].getClass());
    assertEquals(scored(fitted(1.0, 3.0), catalog()).toString(),
        scored((CatalogPriorModel) loaded.stages()[0], catalog()).toString());
  }

  @Test
  void weightsMustMatchTheKeyColumns() {
    CatalogPrior prior = new CatalogPrior().setKeyCols(Fields.ARTIST, Fields.GENRE).setWeights(1.0);
    assertThrows(IllegalArgumentException.class, () -> prior.fit(training()));
  }
}
