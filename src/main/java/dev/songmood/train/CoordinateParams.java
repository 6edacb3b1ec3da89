package dev.songmood.train;

import dev.songmood.config.Fields;
import dev.songmood.stages.CoordinateQuadrant;
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
 * quadrant from the predicted point around the training centre ({@link CoordinateQuadrant}).
 */
public record CoordinateParams(double regParam, double valenceCentre, double arousalCentre)
    implements ClassifierSpec {
  public static final String NAME = "encoder-coordinates";
  public static final String VALENCE_HAT = Fields.VALENCE_PREDICTED;
  public static final String AROUSAL_HAT = Fields.AROUSAL_PREDICTED;

  @Override
  public String family() {
    return NAME;
  }

  @Override
  public Map<String, Object> params() {
    return ClassifierSpec.ordered("reg_param", regParam);
  }

  @Override
  public PipelineModel fit(Dataset<Row> train, String prefix) {
    if (!prefix.isEmpty()) {
      throw new IllegalArgumentException(NAME + " is not averaged into ensembles");
    }
    LinearRegressionModel v = regression(Fields.VALENCE, prefix + VALENCE_HAT).fit(train);
    LinearRegressionModel a = regression(Fields.AROUSAL, prefix + AROUSAL_HAT).fit(train);
    CoordinateQuadrant quadrant = new CoordinateQuadrant().setColumns(prefix + VALENCE_HAT, prefix + AROUSAL_HAT)
        .setCentre(valenceCentre, arousalCentre)
        .setScale(v.summary().rootMeanSquaredError(), a.summary().rootMeanSquaredError());
    return new PipelineModel("coordinates_" + java.util.UUID.randomUUID().toString().substring(0, 8),
        List.<Transformer>of(v, a, quadrant));
  }

  public static List<CoordinateParams> grid(List<Double> regParams, double valenceCentre, double arousalCentre) {
    return regParams.stream().map(r -> new CoordinateParams(r, valenceCentre, arousalCentre)).toList();
  }

  private LinearRegression regression(String label, String output) {
    return new LinearRegression().setFeaturesCol(Fields.EMBEDDING).setLabelCol(label).setPredictionCol(output)
        .setRegParam(regParam).setElasticNetParam(0.0).setStandardization(true);
  }
}
