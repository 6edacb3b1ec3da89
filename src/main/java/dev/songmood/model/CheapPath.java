package dev.songmood.model;

import dev.songmood.input.Fields;
import dev.songmood.stages.PartitionStage;
import dev.songmood.stages.PipelineStages;
import dev.songmood.stages.ProbabilityAverager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.Param;

/**
 * The encoder-free path of a classifier pipeline, for the encoder cascade ({@code stages.EncoderCascade}): the
 * same stages, in order, without the encoders ({@link PartitionStage}s) and without every stage that reads what an
 * encoder wrote (its member's classifier, the valence/arousal regressions on its vectors); the ensemble's
 * {@link ProbabilityAverager}, one of whose members is gone, becomes the other member's probabilities as they are
 * (weight 1), and the stages after it (the catalog prior) apply to those as they applied to the ensemble's.
 *
 * <p>Which columns a stage reads and writes is read from its parameters ({@code inputCol(s)}, {@code featuresCol},
 * {@code valenceCol}, {@code arousalCol}; {@code outputCol}, {@code predictionCol}, {@code probabilityCol},
 * {@code rawPredictionCol}, a fine-tuned encoder's {@code outputPrefix}); a stage that names no input reads
 * {@link Fields#PROBABILITY} and writes it and {@link Fields#PREDICTION} (the prior, the calibrator). The encoder's
 * {@link Fields#EMBEDDING} counts as the encoder's even in a classifier fitted on songs encoded beforehand (train).
 */
final class CheapPath {
  private static final Set<String> INPUTS = Set.of("inputCol", "inputCols", "featuresCol", "valenceCol",
      "arousalCol");
  private static final Set<String> OUTPUTS = Set.of("outputCol", "predictionCol", "probabilityCol",
      "rawPredictionCol");

  private CheapPath() {
  }

  /**
   * The cheap path of {@code full} (a classifier without its calibration stage); empty when it has none: no
   * encoder, or no ensemble with an encoder-free member to answer alone.
   */
  static Optional<PipelineModel> of(PipelineModel full) {
    Set<String> encoded = new HashSet<>(Set.of(Fields.EMBEDDING));  // the encoder's, also where it ran before
    List<String> encodedPrefixes = new ArrayList<>();
    List<Transformer> kept = new ArrayList<>();
    boolean encoder = false;
    boolean member = false;
    for (Transformer stage : PipelineStages.flatten(full)) {
      List<String> reads = reads(stage);
      boolean needsEncoder = reads.stream().anyMatch(c -> encoded.contains(c)
          || encodedPrefixes.stream().anyMatch(p -> !p.isEmpty() && c.startsWith(p)));
      if (stage instanceof PartitionStage) {
        encoder = true;
        encoded.addAll(writes(stage));
        if (stage.hasParam("outputPrefix")) {
          encodedPrefixes.add(String.valueOf(stage.getOrDefault(stage.getParam("outputPrefix"))));
        }
      } else if (stage instanceof ProbabilityAverager mix && needsEncoder) {
        String[] in = mix.getOrDefault(mix.inputCols());
        List<String> clean = java.util.Arrays.stream(in).filter(c -> !encoded.contains(c)
            && encodedPrefixes.stream().noneMatch(p -> !p.isEmpty() && c.startsWith(p))).toList();
        if (clean.size() == 1) {
          member = true;
          kept.add(new ProbabilityAverager(mix.uid() + "_cheap").setInputCols(clean.get(0), clean.get(0))
              .setWeight(1.0));
        } else {
          encoded.addAll(writes(stage));
        }
      } else if (needsEncoder) {
        encoder = true;
        encoded.addAll(writes(stage));
      } else {
        kept.add(stage);
      }
    }
    return encoder && member ? Optional.of(new PipelineModel(full.uid() + "_cheap", kept)) : Optional.empty();
  }

  private static List<String> reads(Transformer stage) {
    List<String> cols = columns(stage, INPUTS);
    return cols.isEmpty() ? List.of(Fields.PROBABILITY) : cols;
  }

  private static List<String> writes(Transformer stage) {
    List<String> cols = columns(stage, OUTPUTS);
    return cols.isEmpty() ? List.of(Fields.PROBABILITY, Fields.PREDICTION) : cols;
  }

  private static List<String> columns(Transformer stage, Set<String> names) {
    List<String> out = new ArrayList<>();
    for (Param<?> p : stage.params()) {
      if (names.contains(p.name()) && stage.isDefined(p)) {
        Object value = stage.getOrDefault(p);
        if (value instanceof String[] many) {
          out.addAll(List.of(many));
        } else {
          out.add(String.valueOf(value));
        }
      }
    }
    return out;
  }
}
