package dev.songmood.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class CalibrationMetricsTest extends SparkTestBase {
  /**
   * Ten songs in two bins, counted by hand.
   * Bin 0.6-0.7: four songs at confidence 0.65, three right: conf 0.65, acc 0.75, gap 0.10.
   * Bin 0.9-1.0: five at 0.95 and one at 1.0 (the last bin includes 1), four right (the 1.0 one and three 0.95):
   * conf (5 * 0.95 + 1.0) / 6 = 0.958333, acc 4/6 = 0.666667, gap 0.291667.
   * ECE = 4/10 * 0.10 + 6/10 * 0.291667 = 0.04 + 0.175 = 0.215.
   */
  private static final double[][] P = {
      {0.65, 0.15, 0.1, 0.1}, {0.65, 0.15, 0.1, 0.1}, {0.65, 0.15, 0.1, 0.1}, {0.65, 0.15, 0.1, 0.1},
      {1.0, 0, 0, 0}, {0.95, 0.02, 0.02, 0.01}, {0.95, 0.02, 0.02, 0.01}, {0.95, 0.02, 0.02, 0.01},
      {0.01, 0.95, 0.02, 0.02}, {0.01, 0.95, 0.02, 0.02}};
  private static final int[] Y = {0, 0, 0, 1, 0, 0, 0, 0, 0, 0};

  @Test
  void handCountedFixture() {
    check(CalibrationMetrics.of(P, Y));
  }

  @Test
  void sparkCountsTheSame() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < Y.length; i++) {
      rows.add(RowFactory.create(Vectors.dense(P[i]), (double) Y[i]));
    }
    StructType schema = new StructType().add("probability", SQLDataTypes.VectorType())
        .add("label", DataTypes.DoubleType);
    check(CalibrationMetrics.of(spark.createDataFrame(rows, schema), "probability", "label"));
  }

  private static void check(CalibrationMetrics.Result r) {
    assertEquals(10, r.total());
    assertEquals(10, r.bins().size());
    assertEquals(4, r.bins().get(6).count());
    assertEquals(0.65, r.bins().get(6).meanConfidence(), 1e-12);
    assertEquals(0.75, r.bins().get(6).accuracy(), 1e-12);
    assertEquals(6, r.bins().get(9).count());
    assertEquals(5.75 / 6, r.bins().get(9).meanConfidence(), 1e-12);
    assertEquals(4.0 / 6, r.bins().get(9).accuracy(), 1e-12);
    assertEquals(0.215, r.ece(), 1e-12);
    for (int b : new int[] {0, 1, 2, 3, 4, 5, 7, 8}) {
      assertTrue(r.bins().get(b).empty());
    }
    assertEquals(0.6, r.bins().get(6).lower(), 1e-12);
    assertEquals(1.0, r.bins().get(9).upper(), 1e-12);
    // NLL: the label's probability per song, as listed above (the two wrong 0.95 songs give their label 0.01)
    double nll = -(3 * Math.log(0.65) + Math.log(0.15) + Math.log(1.0) + 3 * Math.log(0.95) + 2 * Math.log(0.01))
        / 10;
    assertEquals(nll, r.nll(), 1e-12);
    assertEquals(0.7, r.accuracy(), 1e-12);
  }

  @Test
  void binsAreEqualWidthWithOneInTheLast() {
    assertEquals(0, CalibrationMetrics.bin(0.0, 10));
    assertEquals(2, CalibrationMetrics.bin(0.25, 10));
    assertEquals(9, CalibrationMetrics.bin(0.95, 10));
    assertEquals(9, CalibrationMetrics.bin(1.0, 10));
  }
}
