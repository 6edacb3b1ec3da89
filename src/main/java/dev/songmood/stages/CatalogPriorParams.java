package dev.songmood.stages;

import java.io.Serializable;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;

/**
 * The params {@link CatalogPrior} and its {@link CatalogPriorModel} share, each declared once with its doc (the
 * {@code ...Params} trait of a Spark ML pair; see {@link QuadrantDeriverParams} for why the param objects live in a
 * {@link Declared}). The key columns and weights default per stage: the estimator to the artist alone, the model to
 * the columns it counted, each weighing 1.
 */
public interface CatalogPriorParams extends Params {
  /** Pseudo-songs at the overall class balance added to each value's counts. */
  double SMOOTHING_DEFAULT = 3.0;

  /** This stage's param objects. */
  Declared declared();

  default StringArrayParam keyCols() { return declared().keyCols; }
  default DoubleArrayParam weights() { return declared().weights; }
  default DoubleParam smoothing() { return declared().smoothing; }

  default String[] getKeyCols() { return getOrDefault(keyCols()).clone(); }
  default double[] getWeights() { return getOrDefault(weights()); }
  default double getSmoothing() { return TypedParams.get(this, smoothing()); }

  /** The shared param objects of one stage, with their names, docs and defaults. */
  final class Declared implements Serializable {
    private static final long serialVersionUID = 1L;

    final StringArrayParam keyCols;
    final DoubleArrayParam weights;
    final DoubleParam smoothing;

    Declared(CatalogPriorParams stage) {
      keyCols = new StringArrayParam(stage, "keyCols", "catalog metadata columns whose values carry a mood prior");
      weights = new DoubleArrayParam(stage, "weights", "weight of each key column's evidence (0 ignores it)");
      smoothing = new DoubleParam(stage, "smoothing", "pseudo-songs at the overall class balance added to each value",
          ParamValidators.gtEq(0));
      stage.setDefault(smoothing, SMOOTHING_DEFAULT);
    }
  }
}
