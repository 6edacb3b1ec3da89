package dev.songmood.stages;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Params;

/**
 * A stage's value of a primitive param, typed. Scala's {@code DoubleParam} is a {@code Param[Double]}, which Java
 * sees as {@code Param<Object>}: the one unboxing cast per type lives here, behind the stages' typed getters.
 */
final class TypedParams {
  private TypedParams() {
  }

  static double get(Params stage, DoubleParam param) { return (Double) stage.getOrDefault(param); }

  static int get(Params stage, IntParam param) { return (Integer) stage.getOrDefault(param); }

  static boolean get(Params stage, BooleanParam param) { return (Boolean) stage.getOrDefault(param); }
}
