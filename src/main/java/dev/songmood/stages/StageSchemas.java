package dev.songmood.stages;

import java.util.Arrays;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Schema checks shared by the stages: they fail before any work, saying what was expected and what was found. */
final class StageSchemas {
  private StageSchemas() {
  }

  static void requireString(StructType schema, String column, Identifiable stage) {
    DataType type = typeOf(schema, column, stage);
    if (!type.equals(DataTypes.StringType)) {
      throw new IllegalArgumentException(stage.uid() + ": column '" + column + "' must be string, found "
          + type.simpleString());
    }
  }

  static void requireNumeric(StructType schema, String column, Identifiable stage) {
    DataType type = typeOf(schema, column, stage);
    if (!(type instanceof NumericType)) {
      throw new IllegalArgumentException(stage.uid() + ": column '" + column + "' must be numeric, found "
          + type.simpleString());
    }
  }

  /** Adds {@code prediction}: the index of the largest value of the {@code probability} vector. */
  static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> withArgmax(
      org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> df) {
    org.apache.spark.sql.api.java.UDF1<org.apache.spark.ml.linalg.Vector, Double> argmax = v -> (double) v.argmax();
    return df.withColumn(dev.songmood.input.Fields.PREDICTION, org.apache.spark.sql.functions.udf(argmax,
        DataTypes.DoubleType).apply(org.apache.spark.sql.functions.col(dev.songmood.input.Fields.PROBABILITY)));
  }

  static boolean has(StructType schema, String column) {
    return Arrays.asList(schema.fieldNames()).contains(column);
  }

  /** Adds (or replaces) a column in a schema. */
  static StructType addColumn(StructType schema, String column, DataType type) {
    return dropColumn(schema, column).add(column, type, true);
  }

  /** The schema without {@code column}, if it has one. */
  static StructType dropColumn(StructType schema, String column) {
    StructType out = new StructType();
    for (StructField f : schema.fields()) {
      if (!f.name().equals(column)) {
        out = out.add(f);
      }
    }
    return out;
  }

  private static DataType typeOf(StructType schema, String column, Identifiable stage) {
    if (!has(schema, column)) {
      throw new IllegalArgumentException(stage.uid() + ": input column '" + column + "' not found; columns are "
          + Arrays.toString(schema.fieldNames()));
    }
    return schema.apply(column).dataType();
  }
}
