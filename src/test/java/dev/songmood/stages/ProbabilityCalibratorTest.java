package dev.songmood.stages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import dev.songmood.input.Fields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ProbabilityCalibratorTest extends SparkTestBase {
  private static final StructType SCHEMA = new StructType().add(Fields.ID, DataTypes.StringType)
      .add(Fields.PROBABILITY, SQLDataTypes.VectorType());
  private static final double[][] P = {
      {0.7, 0.1, 0.1, 0.1}, {0.25, 0.25, 0.3, 0.2}, {0.0, 0.5, 0.5, 0.0}, {1e-12, 0.01, 0.2, 0.79},
      {0.25, 0.25, 0.25, 0.25}, {0.0, 0.0, 0.0, 1.0}};

  private Dataset<Row> songs() {
    Object[][] rows = new Object[P.length][];
    for (int i = 0; i < P.length; i++) {
      rows[i] = new Object[] {"s" + i, Vectors.dense(P[i])};
    }
    return frame(SCHEMA, rows);
  }

  @Test
  void scalesByPowerOneOverTAndKeepsTheClassOrder() {
    for (double t : new double[] {0.3, 1.0, 2.5}) {
      for (double[] p : P) {
        double[] out = ProbabilityCalibrator.scaled(Vectors.dense(p), t).toArray();
        double sum = 0;
        for (double v : p) {
          sum += Math.pow(v, 1 / t);
        }
        for (int c = 0; c < p.length; c++) {
          assertEquals(Math.pow(p[c], 1 / t) / sum, out[c], 1e-12, "p^(1/T) renormalised");
        }
        assertEquals(Vectors.dense(p).argmax(), Vectors.dense(out).argmax());
      }
    }
    assertArrayEquals(P[0], ProbabilityCalibrator.scaled(P[0], 1.0), 1e-12);
  }

  @Test
  void transformAndApplyLocallyGiveTheSameRows() {
    ProbabilityCalibrator stage = new ProbabilityCalibrator().setTemperature(2.5);
    List<Row> spark = stage.transform(songs()).orderBy(Fields.ID).collectAsList();
    List<Map<String, Object>> local = new ArrayList<>();
    for (int i = 0; i < P.length; i++) {
      Map<String, Object> song = new HashMap<>();
      song.put(Fields.ID, "s" + i);
      song.put(Fields.PROBABILITY, Vectors.dense(P[i]));
      local.add(song);
    }
    stage.applyLocally(local);
    for (int i = 0; i < P.length; i++) {
      Vector fromSpark = spark.get(i).getAs(Fields.PROBABILITY);
      assertArrayEquals(fromSpark.toArray(), ((Vector) local.get(i).get(Fields.PROBABILITY)).toArray(), 0.0);
      double prediction = spark.get(i).getAs(Fields.PREDICTION);
      assertEquals(prediction, local.get(i).get(Fields.PREDICTION));
      assertEquals(Vectors.dense(P[i]).argmax(), (int) prediction, "the calibrated prediction is the input's");
    }
    assertTrue(((Vector) local.get(0).get(Fields.PROBABILITY)).apply(0) < 0.7, "T > 1 softens");
  }

  @Test
  void savesAndLoadsAloneAndInsideAPipeline() throws java.io.IOException {
    ProbabilityCalibrator stage = new ProbabilityCalibrator().setTemperature(0.42);
    ProbabilityCalibrator loaded = StageRoundTrip.check(stage, tmp, ProbabilityCalibrator::load, songs(), Fields.ID);
    assertEquals(0.42, loaded.getTemperature());
    PipelineModel model = new PipelineModel("withCalibration", List.<Transformer>of(stage));
    String dir = tmp.resolve("pipeline").toString();
    model.save(dir);
    PipelineModel back = PipelineModel.load(dir);
    assertEquals(0.42, ((ProbabilityCalibrator) back.stages()[0]).getTemperature());
    List<Row> before = model.transform(songs()).orderBy(Fields.ID).collectAsList();
    List<Row> after = back.transform(songs()).orderBy(Fields.ID).collectAsList();
    assertEquals(before, after);
    assertEquals(ProbabilityCalibrator.TEMPERATURE_DEFAULT, new ProbabilityCalibrator().getTemperature());
  }

  @Test
  void failsEarlyWithoutAProbabilityVector() {
    StructType noProbability = new StructType().add(Fields.ID, DataTypes.StringType);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ProbabilityCalibrator().transformSchema(noProbability));
    assertTrue(e.getMessage().contains(Fields.PROBABILITY), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ProbabilityCalibrator().setTemperature(0));
  }
}
