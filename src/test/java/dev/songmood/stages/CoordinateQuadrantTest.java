package dev.songmood.stages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.songmood.SparkTestBase;
import dev.songmood.input.Fields;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class CoordinateQuadrantTest extends SparkTestBase {
  private static final StructType SCHEMA = new StructType().add(Fields.ID, DataTypes.StringType)
      .add("v", DataTypes.DoubleType).add("a", DataTypes.DoubleType);

  private CoordinateQuadrant stage() {
    return new CoordinateQuadrant().setColumns("v", "a").setCentre(5, 4).setScale(1, 2);
  }

  @Test
  void probabilitiesFromTheDistanceToTheCentreInUnitsOfError() {
    // At the centre: each side 1/2, each quadrant 1/4.
    assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, CoordinateQuadrant.probabilities(5, 4, 5, 4, 1, 2),
        1e-12);
    // One valence error above the centre, arousal at it: P(positive) = 1 / (1 + e^-1.7) = 0.845535, P(high) = 1/2.
    double pos = 0.8455347349164652;
    assertArrayEquals(new double[] {pos / 2, (1 - pos) / 2, (1 - pos) / 2, pos / 2},
        CoordinateQuadrant.probabilities(6, 4, 5, 4, 1, 2), 1e-12);
    // Arousal two errors (scale 2: 4 units) below, valence one above: Q4 the most probable.
    double low = 1 - 1 / (1 + Math.exp(-1.7 * -2));  // 0.967705
    double[] p = CoordinateQuadrant.probabilities(6, 0, 5, 4, 1, 2);
    assertEquals(low * pos, p[3], 1e-12);
    assertEquals(0.967705, low, 1e-6);
  }

  @Test
  void transformsToTheQuadrantAndSurvivesSaveAndLoad() {
    Dataset<Row> songs = frame(SCHEMA, new Object[] {"q1", 7.0, 7.0}, new Object[] {"q2", 2.0, 8.0},
        new Object[] {"q3", 3.0, 1.0}, new Object[] {"q4", 8.0, 0.5});
    List<Row> rows = stage().transform(songs).orderBy(Fields.ID).collectAsList();
    for (int i = 0; i < 4; i++) {
      assertEquals(i, rows.get(i).<Double>getAs(Fields.PREDICTION), 0.0, rows.get(i).toString());
      Vector p = rows.get(i).getAs(Fields.PROBABILITY);
      assertEquals(1.0, p.toArray()[0] + p.toArray()[1] + p.toArray()[2] + p.toArray()[3], 1e-12);
    }
    CoordinateQuadrant loaded = StageRoundTrip.check(stage(), tmp, path -> CoordinateQuadrant.read().load(path),
        songs, Fields.ID);
    assertEquals(2.0, loaded.getOrDefault(loaded.arousalScale()));
  }

  @Test
  void aMissingColumnIsNamed() {
    Dataset<Row> songs = frame(new StructType().add("v", DataTypes.DoubleType), new Object[] {1.0});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> stage().transform(songs));
    assertEquals(true, e.getMessage().contains("input column 'a' not found; columns are [v]"), e.getMessage());
  }
}
