package dev.songmood.train;

import dev.songmood.input.Fields;
import dev.songmood.metrics.ClassWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A non-linear classifier on the encoder's song vectors: MLlib's multilayer perceptron (standardised inputs, one
 * hidden layer). MLlib's perceptron takes no sample weights, so classes are balanced by oversampling instead.
 * Epochs are {@code maxIter} (L-BFGS iterations over the whole set), the batch size is {@code blockSize}.
 */
public record EncoderMlpSpec(int hidden, int maxIter, int blockSize, long seed) implements ClassifierSpec {
  public static final String NAME = "encoder-mlp";

  @Override
  public String family() {
    return NAME;
  }

  @Override
  public Map<String, Object> params() {
    return ClassifierSpec.ordered("hidden", hidden, "max_iter", maxIter, "block_size", blockSize);
  }

  @Override
  public PipelineModel fit(Dataset<Row> train, String prefix) {
    StandardScaler scaler = new StandardScaler().setInputCol(Fields.EMBEDDING).setOutputCol(prefix + "scaled")
        .setWithMean(true).setWithStd(true);
    int dim = ((org.apache.spark.ml.linalg.Vector) train.select(Fields.EMBEDDING).first().get(0)).size();
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier()
        .setLayers(new int[] {dim, hidden, dev.songmood.Quadrant.COUNT})
        .setFeaturesCol(prefix + "scaled")
        .setLabelCol(Fields.LABEL)
        .setMaxIter(maxIter)
        .setBlockSize(blockSize)
        .setSeed(seed)
        .setRawPredictionCol(prefix + "raw_prediction")
        .setProbabilityCol(prefix + Fields.PROBABILITY)
        .setPredictionCol(prefix + Fields.PREDICTION);
    return new Pipeline().setStages(new PipelineStage[] {scaler, mlp}).fit(ClassWeights.oversample(train, seed));
  }

  public static List<EncoderMlpSpec> grid(List<Integer> hidden, List<Integer> epochs, List<Integer> blockSizes,
      long seed) {
    List<EncoderMlpSpec> grid = new ArrayList<>();
    for (int h : hidden) {
      for (int e : epochs) {
        for (int b : blockSizes) {
          grid.add(new EncoderMlpSpec(h, e, b, seed));
        }
      }
    }
    return grid;
  }
}
