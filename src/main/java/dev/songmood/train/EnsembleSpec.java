package dev.songmood.train;

import dev.songmood.stages.ProbabilityAverager;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Two classifiers fitted side by side whose probabilities are averaged ({@link ProbabilityAverager}). */
public record EnsembleSpec(ClassifierSpec first, ClassifierSpec second, double weight) implements ClassifierSpec {
  public static final String NAME = "ensemble";

  @Override
  public String family() {
    return NAME;
  }

  @Override
  public Map<String, Object> params() {
    return ClassifierSpec.ordered("weight_first", weight, "first", first.toMap(), "second", second.toMap());
  }

  @Override
  public PipelineModel fit(Dataset<Row> train, String prefix) {
    if (!prefix.isEmpty()) {
      throw new IllegalArgumentException("ensembles do not nest");
    }
    PipelineModel a = first.fit(train, prefix + "a_");
    PipelineModel b = second.fit(train, prefix + "b_");
    ProbabilityAverager mix = new ProbabilityAverager()
        .setInputCols(prefix + "a_probability", prefix + "b_probability").setWeight(weight);
    return new PipelineModel("ensemble_" + java.util.UUID.randomUUID().toString().substring(0, 8),
        List.<Transformer>of(a, b, mix));
  }
}
