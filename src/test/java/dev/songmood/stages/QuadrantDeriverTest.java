package dev.songmood.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.songmood.SparkTestBase;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class QuadrantDeriverTest extends SparkTestBase {
  private static final StructType VA = new StructType()
      .add("id", DataTypes.StringType).add("valence", DataTypes.DoubleType).add("arousal", DataTypes.DoubleType);

  private List<Integer> quadrants(Dataset<Row> df) {
    return df.orderBy("id").select("quadrant").collectAsList().stream()
        .map(r -> r.isNullAt(0) ? null : (Integer) r.getInt(0)).toList();
  }

  @Test
  void medianCentreIsLearnedAndPointsOnTheCentreCountAsPositive() {
    Dataset<Row> train = frame(VA,
        new Object[] {"a", 1.0, 10.0}, new Object[] {"b", 2.0, 20.0}, new Object[] {"c", 3.0, 30.0},
        new Object[] {"d", 4.0, 40.0}, new Object[] {"e", 5.0, 50.0});
    QuadrantDeriverModel model = new QuadrantDeriver().setCentre(CentreStrategy.MEDIAN).fit(train);
    assertEquals(3.0, model.getValenceCentre());
    assertEquals(30.0, model.getArousalCentre());

    Dataset<Row> points = frame(VA,
        new Object[] {"1", 3.0, 30.0},    // exactly on the centre: Q1
        new Object[] {"2", 2.999, 30.0},  // valence just below: Q2
        new Object[] {"3", 2.999, 29.999},// both below: Q3
        new Object[] {"4", 3.0, 29.999},  // arousal just below: Q4
        new Object[] {"5", 9.0, 90.0},    // far Q1
        new Object[] {"6", null, 30.0});  // unknown
    assertEquals(java.util.Arrays.asList(0, 1, 2, 3, 0, null), quadrants(model.transform(points)));
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
    Dataset<Row> train = frame(VA, new Object[] {"a", 1.0, 1.0}, new Object[] {"b", 2.0, 2.0},
        new Object[] {"c", 3.0, 5.0}, new Object[] {"d", 10.0, 6.0});
    QuadrantDeriverModel model = new QuadrantDeriver().fit(train);
    assertEquals(2.5, model.getValenceCentre());
    assertEquals(3.5, model.getArousalCentre());
    // no training song sits on the centre: two on each side of each axis
    assertEquals(List.of(2, 2, 0, 0), quadrants(model.transform(train)));
  }

  @Test
  void meanCentre() {
    Dataset<Row> train = frame(VA, new Object[] {"a", 1.0, 0.0}, new Object[] {"b", 2.0, 0.0},
        new Object[] {"c", 3.0, 4.0}, new Object[] {"d", 6.0, 8.0});
    QuadrantDeriverModel model = new QuadrantDeriver().setCentre(CentreStrategy.MEAN).fit(train);
    assertEquals(3.0, model.getValenceCentre(), 1e-12);
    assertEquals(3.0, model.getArousalCentre(), 1e-12);
    // (1,0) -> Q3, (2,0) -> Q3, (3,4) -> Q1, (6,8) -> Q1
    assertEquals(List.of(2, 2, 0, 0), quadrants(model.transform(train)));
  }

  @Test
  void fixedCentreAtZeroReadsSignsAsForDeezer() {
    Dataset<Row> deezer = frame(VA, new Object[] {"a", -0.68, 0.32}, new Object[] {"b", -1.4, -1.5},
        new Object[] {"c", 0.0, -0.0001}, new Object[] {"d", 0.5, 0.0});
    QuadrantDeriverModel model = new QuadrantDeriver().setCentre(CentreStrategy.FIXED).setValenceCentre(0)
        .setArousalCentre(0).fit(deezer);
    assertEquals(List.of(1, 2, 3, 0), quadrants(model.transform(deezer)));
  }

  @Test
  void catalogWithoutCoordinatesPassesThroughUnchanged() {
    QuadrantDeriverModel model = new QuadrantDeriverModel("q").setValenceCentre(5).setArousalCentre(5);
    StructType catalog = new StructType().add("id", DataTypes.StringType).add("lyrics", DataTypes.StringType);
    Dataset<Row> df = frame(catalog, new Object[] {"1", "text"});
    Dataset<Row> out = model.transform(df);
    assertFalse(List.of(out.columns()).contains("quadrant"));
    assertEquals(df.collectAsList(), out.collectAsList());
  }

  @Test
  void textCoordinatesAreRejectedBeforeAnyWork() {
    StructType text = new StructType().add("valence", DataTypes.StringType).add("arousal", DataTypes.StringType);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new QuadrantDeriver().fit(frame(text, new Object[] {"1", "2"})));
    assertEquals(true, e.getMessage().contains("must be numeric, found string"), e.getMessage());
  }

  @Test
  void savedModelKeepsItsCentre() throws Exception {
    QuadrantDeriverModel model = new QuadrantDeriverModel("q").setValenceCentre(5.25).setArousalCentre(4.5);
    Dataset<Row> songs = frame(VA, new Object[] {"a", 6.0, 5.0}, new Object[] {"b", 5.0, 4.0});
    QuadrantDeriverModel loaded = StageRoundTrip.check(model, tmp, QuadrantDeriverModel::load, songs, "id");
    assertEquals(5.25, loaded.getValenceCentre());
    assertEquals(4.5, loaded.getArousalCentre());
    assertEquals(List.of(0, 2), quadrants(loaded.transform(songs)));
  }

  @Test
  void theEstimatorSavesAndLoadsItsParamsAndPassesThemToItsModel() {
    QuadrantDeriver deriver = new QuadrantDeriver().setCentre(CentreStrategy.FIXED).setValenceCentre(5.0)
        .setArousalCentre(4.0);
    QuadrantDeriver loaded = StageRoundTrip.check(deriver, tmp, path -> QuadrantDeriver.read().load(path), null,
        null);
    assertEquals(CentreStrategy.FIXED, loaded.getCentre());
    QuadrantDeriverModel model = loaded.fit(frame(VA, new Object[] {"a", 1.0, 1.0}));
    assertEquals(5.0, model.getValenceCentre());
    assertEquals(4.0, model.getArousalCentre());
    assertEquals(CentreStrategy.FIXED, model.getCentre());
    assertEquals("quadrant", model.getOutputCol());
  }
}
