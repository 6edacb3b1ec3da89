package dev.songmood.stages;

import dev.songmood.input.Fields;
import java.io.Serializable;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The params {@link QuadrantDeriver} and its {@link QuadrantDeriverModel} share, each declared once with its doc
 * and default, as Spark ML declares a pair's params in one {@code ...Params} trait; typed getters read them. Java
 * interfaces hold no fields, so each stage keeps its own param objects in a {@link Declared} made in its
 * constructor; the accessors below are how Spark ML finds them (saving, loading, copying).
 */
public interface QuadrantDeriverParams extends Params {
  /** This stage's param objects. */
  Declared declared();

  default Param<String> valenceCol() { return declared().valenceCol; }
  default Param<String> arousalCol() { return declared().arousalCol; }
  default Param<String> outputCol() { return declared().outputCol; }
  default Param<String> centre() { return declared().centre; }
  default DoubleParam valenceCentre() { return declared().valenceCentre; }
  default DoubleParam arousalCentre() { return declared().arousalCentre; }

  default String getValenceCol() { return getOrDefault(valenceCol()); }
  default String getArousalCol() { return getOrDefault(arousalCol()); }
  default String getOutputCol() { return getOrDefault(outputCol()); }
  default CentreStrategy getCentre() { return CentreStrategy.parse(getOrDefault(centre())); }
  default double getValenceCentre() { return TypedParams.get(this, valenceCentre()); }
  default double getArousalCentre() { return TypedParams.get(this, arousalCentre()); }

  /** The param objects of one stage, with their names, docs and defaults. */
  final class Declared implements Serializable {
    private static final long serialVersionUID = 1L;

    final Param<String> valenceCol;
    final Param<String> arousalCol;
    final Param<String> outputCol;
    final Param<String> centre;
    final DoubleParam valenceCentre;
    final DoubleParam arousalCentre;

    Declared(QuadrantDeriverParams stage) {
      valenceCol = new Param<>(stage, "valenceCol", "valence column (numeric)");
      arousalCol = new Param<>(stage, "arousalCol", "arousal column (numeric)");
      outputCol = new Param<>(stage, "outputCol", "quadrant id column (0..3 = Q1..Q4)");
      centre = new Param<>(stage, "centre", "fixed, median or mean");
      valenceCentre = new DoubleParam(stage, "valenceCentre", "valence at the centre (given when fixed, else learned)");
      arousalCentre = new DoubleParam(stage, "arousalCentre", "arousal at the centre (given when fixed, else learned)");
      stage.setDefault(valenceCol, Fields.VALENCE);
      stage.setDefault(arousalCol, Fields.AROUSAL);
      stage.setDefault(outputCol, Fields.QUADRANT);
      stage.setDefault(centre, "median");
      stage.setDefault(valenceCentre, 0.0);
      stage.setDefault(arousalCentre, 0.0);
    }
  }
}
