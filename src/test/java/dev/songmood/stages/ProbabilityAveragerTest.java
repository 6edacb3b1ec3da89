package dev.songmood.stages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.songmood.SparkTestBase;
import dev.songmood.input.Fields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ProbabilityAveragerTest extends SparkTestBase {
  private static final StructType SCHEMA = new StructType().add(Fields.ID, DataTypes.StringType)
      .add("p1", SQLDataTypes.VectorType()).add("p2", SQLDataTypes.VectorType());
  private static final double[][] FIRST = {{0.1, 0.2, 0.3, 0.4}, {0.7, 0.1, 0.1, 0.1}};
  private static final double[][] SECOND = {{0.4, 0.3, 0.2, 0.1}, {0.0, 0.1, 0.1, 0.8}};

  private Dataset<Row> songs() {
    return frame(SCHEMA, new Object[] {"a", Vectors.dense(FIRST[0]), Vectors.dense(SECOND[0])},
        new Object[] {"b", Vectors.dense(FIRST[1]), Vectors.dense(SECOND[1])});
  }

  @Test
  void averagesWithTheFirstWeightAndPredictsTheLargest() {
    ProbabilityAverager stage = new ProbabilityAverager().setInputCols("p1", "p2").setWeight(0.7);
    List<Row> rows = stage.transform(songs()).orderBy(Fields.ID).collectAsList();
    // a: 0.7 * (0.1, 0.2, 0.3, 0.4) + 0.3 * (0.4, 0.3, 0.2, 0.1) = (0.19, 0.23, 0.27, 0.31) -> Q4 (3)
    assertArrayEquals(new double[] {0.19, 0.23, 0.27, 0.31}, rows.get(0).<Vector>getAs(Fields.PROBABILITY).toArray(),
        1e-12);
    assertEquals(3.0, rows.get(0).<Double>getAs(Fields.PREDICTION));
    // b: (0.49, 0.10, 0.10, 0.31) -> Q1 (0): the first member outvotes the second's 0.8
    assertArrayEquals(new double[] {0.49, 0.10, 0.10, 0.31}, rows.get(1).<Vector>getAs(Fields.PROBABILITY).toArray(),
        1e-12);
    assertEquals(0.0, rows.get(1).<Double>getAs(Fields.PREDICTION));

    List<Map<String, Object>> local = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Map<String, Object> song = new HashMap<>();
      song.put("p1", Vectors.dense(FIRST[i]));
      song.put("p2", Vectors.dense(SECOND[i]));
      local.add(song);
    }
    stage.applyLocally(local);
    for (int i = 0; i < 2; i++) {
      assertEquals(rows.get(i).<Vector>getAs(Fields.PROBABILITY), local.get(i).get(Fields.PROBABILITY));
      assertEquals(rows.get(i).<Double>getAs(Fields.PREDICTION), local.get(i).get(Fields.PREDICTION));
    }
  }

  @Test
  void survivesSaveAndLoad() {
    ProbabilityAverager loaded = StageRoundTrip.check(new ProbabilityAverager().setInputCols("p1", "p2")
        .setWeight(0.3), tmp, ProbabilityAverager::load, songs(), Fields.ID);
    assertEquals(0.3, loaded.getWeight());
  }
}
