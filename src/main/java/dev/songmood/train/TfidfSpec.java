package dev.songmood.train;

import dev.songmood.metrics.ClassWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Hyperparameters of the TF-IDF + logistic-regression classifier; one point of the search grid. */
public record TfidfSpec(int vocabSize, int minDocFreq, double regParam, double elasticNet, int maxIter,
    ExtraFeatures extraFeatures) implements ClassifierSpec {

  /** Without extra features. */
  public TfidfSpec(int vocabSize, int minDocFreq, double regParam, double elasticNet, int maxIter) {
    this(vocabSize, minDocFreq, regParam, elasticNet, maxIter, ExtraFeatures.NONE);
  }

  @Override
  public String family() {
    return TfidfClassifier.NAME;
  }

  @Override
  public PipelineModel fit(Dataset<Row> train, String prefix) {
    return TfidfClassifier.pipeline(this, prefix).fit(ClassWeights.add(train));
  }

  @Override
  public Map<String, Object> params() {
    return ClassifierSpec.ordered("vocab_size", vocabSize, "min_doc_freq", minDocFreq, "reg_param", regParam,
        "elastic_net", elasticNet, "max_iter", maxIter, "extra_features", extraFeatures.id());
  }

  /** Every combination of the given values, in a stable order. */
  public static List<TfidfSpec> grid(List<Integer> vocabSizes, List<Integer> minDocFreqs, List<Double> regParams,
      List<Double> elasticNets, int maxIter) {
    return grid(vocabSizes, minDocFreqs, regParams, elasticNets, maxIter, List.of(ExtraFeatures.NONE));
  }

  /** Every combination of the given values, extra features outermost, in a stable order. */
  public static List<TfidfSpec> grid(List<Integer> vocabSizes, List<Integer> minDocFreqs, List<Double> regParams,
      List<Double> elasticNets, int maxIter, List<ExtraFeatures> extras) {
    List<TfidfSpec> grid = new ArrayList<>();
    for (ExtraFeatures extra : extras) {
      for (int vocab : vocabSizes) {
        for (int minDf : minDocFreqs) {
          for (double elastic : elasticNets) {
            for (double reg : regParams) {
              grid.add(new TfidfSpec(vocab, minDf, reg, elastic, maxIter, extra));
            }
          }
        }
      }
    }
    if (grid.isEmpty()) {
      throw new IllegalArgumentException("the hyperparameter grid is empty");
    }
    return grid;
  }
}
