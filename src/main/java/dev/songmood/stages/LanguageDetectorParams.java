package dev.songmood.stages;

import java.io.Serializable;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/**
 * The param {@link LanguageDetector} and its {@link LanguageDetectorModel} share, declared once with its doc and
 * default (the {@code ...Params} trait of a Spark ML pair; see {@link QuadrantDeriverParams} for why the param
 * objects live in a {@link Declared}). Each stage declares its own params beside it.
 */
public interface LanguageDetectorParams extends Params {
  /** Least probability of the detector's top language for it to be named (below: undetermined). */
  double MIN_PROBABILITY_DEFAULT = 0.5;

  /** This stage's param objects. */
  Declared declared();

  default DoubleParam minProbability() { return declared().minProbability; }

  default double getMinProbability() { return TypedParams.get(this, minProbability()); }

  /** The shared param objects of one stage, with their names, docs and defaults. */
  final class Declared implements Serializable {
    private static final long serialVersionUID = 1L;

    final DoubleParam minProbability;

    Declared(LanguageDetectorParams stage) {
      minProbability = new DoubleParam(stage, "minProbability", "least probability of the top language to name it",
          ParamValidators.inRange(0.0, 1.0));
      stage.setDefault(minProbability, MIN_PROBABILITY_DEFAULT);
    }
  }
}
