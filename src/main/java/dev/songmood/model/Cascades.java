package dev.songmood.model;

import static org.apache.spark.sql.functions.lit;

import dev.songmood.input.Fields;
import dev.songmood.stages.EncoderCascade;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A model's encoder cascade ({@link EncoderCascade}): found in its classifier, added to a model that has an
 * encoder-free member ({@link CheapPath}), and the {@link Fields#CASCADE_PATH} column that every labelled song carries.
 */
public final class Cascades {
  /** The provenance field of a model's cascade (its threshold and what it measured), and GET /model's. */
  public static final String PROVENANCE_FIELD = "cascade";

  private Cascades() {
  }

  /**
   * The encoder-free path of {@code model} as its cascade would run it (its calibration left out, as the cascade
   * compares the cheap path's uncalibrated confidence with its threshold); empty when the model has none.
   */
  public static Optional<PipelineModel> cheapPath(EmotionModel model) {
    return CheapPath.of(model.withoutCascade().uncalibrated().classifier());
  }

  /** The encoder-free path of a classifier without calibration or cascade (train's, fitted on encoded songs). */
  public static Optional<PipelineModel> cheapPath(PipelineModel classifier) {
    return CheapPath.of(classifier);
  }

  /**
   * {@code model} with an encoder cascade at {@code threshold} in front of its calibration (replacing any cascade it
   * had), under {@code provenance} (a new version); an IllegalArgumentException when it has no encoder-free member.
   */
  public static EmotionModel withCascade(EmotionModel model, double threshold, Provenance provenance) {
    PipelineModel full = model.withoutCascade().uncalibrated().classifier();
    PipelineModel cheap = CheapPath.of(full).orElseThrow(() -> new IllegalArgumentException("model "
        + model.version() + " has no encoder cascade to offer: it needs an encoder and an ensemble member without "
        + "one (TF-IDF) that can answer alone"));
    EncoderCascade cascade = new EncoderCascade("encoderCascade_" + UUID.randomUUID().toString().substring(0, 12),
        cheap, full).setThreshold(threshold);
    List<Transformer> stages = new ArrayList<>(List.of(cascade));
    model.calibrator().ifPresent(stages::add);
    return new EmotionModel(model.labels(), model.preprocess(), new PipelineModel(full.uid() + "_cascade", stages),
        provenance);
  }

  /** The cascade in {@code classifier} (nested pipelines walked), if any. */
  static Optional<EncoderCascade> find(PipelineModel classifier) {
    for (Transformer stage : classifier.stages()) {
      if (stage instanceof EncoderCascade c) {
        return Optional.of(c);
      }
      if (stage instanceof PipelineModel inner) {
        Optional<EncoderCascade> found = find(inner);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  /** Classified rows with {@link Fields#CASCADE_PATH}: as the cascade set it, else {@code full} (every member ran). */
  static Dataset<Row> withPath(Dataset<Row> classified) {
    return Arrays.asList(classified.columns()).contains(Fields.CASCADE_PATH) ? classified
        : classified.withColumn(Fields.CASCADE_PATH, lit(EncoderCascade.FULL));
  }

  static List<Map<String, Object>> withPath(List<Map<String, Object>> classified) {
    classified.forEach(song -> song.putIfAbsent(Fields.CASCADE_PATH, EncoderCascade.FULL));
    return classified;
  }
}
