package dev.songmood.train;

import dev.songmood.input.Fields;
import dev.songmood.metrics.ClassWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Multinomial logistic regression on the encoder's song vectors, class-weighted. The vectors are standardised
 * inside the fit (z-scored coordinates: strong L2 on them transferred best in measurements outside Spark).
 */
public record EncoderLogRegSpec(double regParam, double elasticNet, int maxIter) implements ClassifierSpec {
  public static final String NAME = "encoder-logreg";

  @Override
  public String family() {
    return NAME;
  }

  @Override
  public Map<String, Object> params() {
    return ClassifierSpec.ordered("reg_param", regParam, "elastic_net", elasticNet, "max_iter", maxIter);
  }

  @Override
  public PipelineModel fit(Dataset<Row> train, String prefix) {
    LogisticRegression lr = new LogisticRegression()
        .setFamily("multinomial")
        .setFeaturesCol(Fields.EMBEDDING)
        .setLabelCol(Fields.LABEL)
        .setWeightCol(Fields.WEIGHT)
        .setStandardization(true)
        .setRegParam(regParam)
        .setElasticNetParam(elasticNet)
        .setMaxIter(maxIter)
        .setRawPredictionCol(prefix + "raw_prediction")
        .setProbabilityCol(prefix + Fields.PROBABILITY)
        .setPredictionCol(prefix + Fields.PREDICTION);
    return new Pipeline().setStages(new PipelineStage[] {lr}).fit(ClassWeights.add(train));
  }

  public static List<EncoderLogRegSpec> grid(List<Double> regParams, int maxIter) {
    List<EncoderLogRegSpec> grid = new ArrayList<>();
    for (double reg : regParams) {
      grid.add(new EncoderLogRegSpec(reg, 0.0, maxIter));
    }
    return grid;
  }
}
