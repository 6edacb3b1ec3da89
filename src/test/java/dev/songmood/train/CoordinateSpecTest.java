package dev.songmood.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.songmood.SparkTestBase;
import dev.songmood.input.Fields;
import dev.songmood.stages.CoordinateQuadrant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** encoder-coordinates: where it cuts the predicted plane is a searched hyperparameter, in spreads of predictions. */
class CoordinateSpecTest extends SparkTestBase {
  private static final StructType SCHEMA = new StructType().add(Fields.ID, DataTypes.StringType)
      .add(Fields.EMBEDDING, SQLDataTypes.VectorType()).add(Fields.VALENCE, DataTypes.DoubleType)
      .add(Fields.AROUSAL, DataTypes.DoubleType);

  /** valence = 5 + x0 and arousal = 4 - 2 x1 exactly, x0 and x1 on a small grid: unregularised ridge recovers them. */
  private Dataset<Row> songs() {
    List<Object[]> rows = new ArrayList<>();
    double[] xs = {-2, -1, 0, 1, 3};
    for (double x0 : xs) {
      for (double x1 : xs) {
        rows.add(new Object[] {"s" + rows.size(), Vectors.dense(x0, x1), 5 + x0, 4 - 2 * x1});
      }
    }
    return frame(SCHEMA, rows.toArray(new Object[0][]));
  }

  private static CoordinateQuadrant quadrantStage(PipelineModel m) {
    return (CoordinateQuadrant) m.stages()[2];
  }

  @Test
  void theThresholdIsTheCentreMovedByShiftsInSpreadsOfTheTrainingPredictions() {
    // x on {-2, -1, 0, 1, 3}: mean 0.2, population variance (4+1+0+1+9)/5 - 0.04 = 2.96, sd 1.720465.
    double sd = Math.sqrt(2.96);
    PipelineModel m = new CoordinateSpec(0.0, 0.5, -1.0, 5.0, 4.0).fit(songs(), "");
    CoordinateQuadrant q = quadrantStage(m);
    assertEquals(5.0 + 0.5 * sd, (Double) q.getOrDefault(q.valenceCentre()), 1e-6);
    assertEquals(4.0 - 1.0 * 2 * sd, (Double) q.getOrDefault(q.arousalCentre()), 1e-6);

    CoordinateQuadrant unshifted = quadrantStage(new CoordinateSpec(0.0, 0.0, 0.0, 5.0, 4.0).fit(songs(), ""));
    assertEquals(5.0, (Double) unshifted.getOrDefault(unshifted.valenceCentre()), 1e-9);
    assertEquals(4.0, (Double) unshifted.getOrDefault(unshifted.arousalCentre()), 1e-9);
  }

  @Test
  void aShiftMovesSongsAcrossTheCut() {
    // A song predicted at valence 5, arousal 6 (x0 = 0, x1 = -1): with the cut moved up to 5.86 it is negative
    // (Q2), moved down to 4.14 positive (Q1); arousal 6 is above 4 either way.
    Dataset<Row> one = frame(SCHEMA, new Object[][] {{"x", Vectors.dense(0.0, -1.0), 5.0, 6.0}});
    Row shifted = new CoordinateSpec(0.0, 0.5, 0.0, 5.0, 4.0).fit(songs(), "").transform(one)
        .select(Fields.PREDICTION).first();
    Row below = new CoordinateSpec(0.0, -0.5, 0.0, 5.0, 4.0).fit(songs(), "").transform(one)
        .select(Fields.PREDICTION).first();
    assertEquals(1.0, shifted.getDouble(0), "valence 5 under a cut at 5.86: high arousal, negative valence = Q2");
    assertEquals(0.0, below.getDouble(0), "valence 5 over a cut at 4.14: high arousal, positive valence = Q1");
  }

  @Test
  void theGridHoldsEveryPairOfShiftsForEveryRegularisation() {
    List<CoordinateSpec> grid = CoordinateSpec.grid(List.of(0.1, 0.3), List.of(-0.5, 0.0, 0.5), 5, 4);
    assertEquals(18, grid.size());
    assertEquals(Map.of("reg_param", 0.1, "valence_shift", -0.5, "arousal_shift", 0.5),
        Map.copyOf(grid.get(2).params()));
    assertEquals(new CoordinateSpec(0.3, 0.5, 0.5, 5, 4), grid.get(17));
  }
}
