package dev.songmood.train;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.stddev_pop;

import dev.songmood.input.Fields;
import dev.songmood.stages.CoordinateQuadrant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Predicts the continuous valence and arousal from the encoder's song vectors (two ridge regressions), and the
 * quadrant from the predicted point around a threshold ({@link CoordinateQuadrant}): the training centre moved by
 * {@code valenceShift} and {@code arousalShift} standard deviations of the training songs' predicted values. Ridge
 * pulls every prediction toward the mean, so the label centre is not always the best place to cut the predicted
 * plane; the shifts are searched like any hyperparameter, which chooses the thresholds on validation for macro-F1.
 */
public record CoordinateSpec(double regParam, double valenceShift, double arousalShift, double valenceCentre,
    double arousalCentre) implements ClassifierSpec {
  public static final String NAME = "encoder-coordinates";
  public static final String VALENCE_HAT = Fields.VALENCE_PREDICTED;
  public static final String AROUSAL_HAT = Fields.AROUSAL_PREDICTED;

  @Override
  public String family() {
    return NAME;
  }

  @Override
  public Map<String, Object> params() {
    return ClassifierSpec.ordered("reg_param", regParam, "valence_shift", valenceShift, "arousal_shift",
        arousalShift);
  }

  @Override
  public PipelineModel fit(Dataset<Row> train, String prefix) {
    if (!prefix.isEmpty()) {
      throw new IllegalArgumentException(NAME + " is not averaged into ensembles");
    }
    LinearRegressionModel v = regression(Fields.VALENCE, prefix + VALENCE_HAT).fit(train);
    LinearRegressionModel a = regression(Fields.AROUSAL, prefix + AROUSAL_HAT).fit(train);
    Row spread = a.transform(v.transform(train)).agg(stddev_pop(col(prefix + VALENCE_HAT)),
        stddev_pop(col(prefix + AROUSAL_HAT))).first();
    CoordinateQuadrant quadrant = new CoordinateQuadrant().setColumns(prefix + VALENCE_HAT, prefix + AROUSAL_HAT)
        .setCentre(valenceCentre + valenceShift * spread(spread, 0), arousalCentre + arousalShift * spread(spread, 1))
        .setScale(v.summary().rootMeanSquaredError(), a.summary().rootMeanSquaredError());
    return new PipelineModel("coordinates_" + java.util.UUID.randomUUID().toString().substring(0, 8),
        List.<Transformer>of(v, a, quadrant));
  }

  /** Every regularisation with every pair of shifts, in a stable order. */
  public static List<CoordinateSpec> grid(List<Double> regParams, List<Double> shifts, double valenceCentre,
      double arousalCentre) {
    List<CoordinateSpec> grid = new ArrayList<>();
    for (double reg : regParams) {
      for (double v : shifts) {
        for (double a : shifts) {
          grid.add(new CoordinateSpec(reg, v, a, valenceCentre, arousalCentre));
        }
      }
    }
    return grid;
  }

  private static double spread(Row row, int i) {
    return row.isNullAt(i) ? 0.0 : row.getDouble(i);
  }

  private LinearRegression regression(String label, String output) {
    return new LinearRegression().setFeaturesCol(Fields.EMBEDDING).setLabelCol(label).setPredictionCol(output)
        .setRegParam(regParam).setElasticNetParam(0.0).setStandardization(true);
  }
}
