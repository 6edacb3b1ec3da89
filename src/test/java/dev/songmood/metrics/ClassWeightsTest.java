package dev.songmood.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.songmood.SparkTestBase;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ClassWeightsTest extends SparkTestBase {
  @Test
  void balancedWeightsByHand() {
    // n = 60 over 3 present classes: 60 / (3 * count)
    assertArrayEquals(new double[] {2.0, 60.0 / 90, 0.0, 1.0}, ClassWeights.balanced(new long[] {10, 30, 0, 20}),
        1e-12);
  }

  @Test
  void weightColumnMakesEachClassWeighTheSame() {
    StructType schema = new StructType().add("quadrant", DataTypes.IntegerType);
    List<Row> rows = ClassWeights.add(frame(schema, new Object[] {0}, new Object[] {0}, new Object[] {0},
        new Object[] {1})).orderBy("quadrant").select("class_weight").collectAsList();
    // n = 4, two classes: class 0 -> 4 / (2 * 3), class 1 -> 4 / (2 * 1)
    assertEquals(List.of(4.0 / 6, 4.0 / 6, 4.0 / 6, 2.0), rows.stream().map(r -> r.getDouble(0)).toList());
  }
}
