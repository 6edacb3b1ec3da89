package dev.songmood.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.songmood.Quadrant;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Labels songs with their quadrant around a fitted centre. A value exactly on the centre counts as positive, as
 * in {@link Quadrant#of}. When the input has no valence/arousal columns (a catalog to label) it passes the data
 * through unchanged, so the same saved pipeline serves training data and unlabelled catalogs.
 */
public final class QuadrantDeriverModel extends Model<QuadrantDeriverModel> implements QuadrantDeriverParams,
    DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Declared declared;

  public QuadrantDeriverModel(String uid) {
    this.uid = uid;
    this.declared = new Declared(this);
  }

  @Override
  public Declared declared() { return declared; }

  public QuadrantDeriverModel setValenceCentre(double value) { set(valenceCentre(), value); return this; }
  public QuadrantDeriverModel setArousalCentre(double value) { set(arousalCentre(), value); return this; }

  @Override
  public String uid() { return uid; }

  private boolean applies(StructType schema) {
    return StageSchemas.has(schema, getValenceCol()) && StageSchemas.has(schema, getArousalCol());
  }

  @Override
  public StructType transformSchema(StructType schema) {
    if (!applies(schema)) {
      return schema;
    }
    StageSchemas.requireNumeric(schema, getValenceCol(), this);
    StageSchemas.requireNumeric(schema, getArousalCol(), this);
    return outputSchema(schema, getOutputCol());
  }

  static StructType outputSchema(StructType schema, String outputCol) {
    return StageSchemas.addColumn(schema, outputCol, DataTypes.IntegerType);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    if (!applies(dataset.schema())) {
      return dataset.toDF();
    }
    transformSchema(dataset.schema());
    return dataset.withColumn(getOutputCol(), quadrant(col(getValenceCol()), col(getArousalCol()),
        getValenceCentre(), getArousalCentre()));
  }

  /** The quadrant id as a Spark expression; null when either coordinate is null. Mirrors {@link Quadrant#of}. */
  public static Column quadrant(Column valence, Column arousal, double valenceCentre, double arousalCentre) {
    Column positive = valence.geq(valenceCentre);
    Column high = arousal.geq(arousalCentre);
    return when(valence.isNull().or(arousal.isNull()), lit(null).cast(DataTypes.IntegerType))
        .when(high.and(positive), lit(Quadrant.Q1.id()))
        .when(high, lit(Quadrant.Q2.id()))
        .when(positive, lit(Quadrant.Q4.id()))
        .otherwise(lit(Quadrant.Q3.id()));
  }

  @Override
  public QuadrantDeriverModel copy(ParamMap extra) {
    return copyValues(new QuadrantDeriverModel(uid), extra).setParent(parent());
  }

  public static MLReader<QuadrantDeriverModel> read() { return new DefaultParamsReader<>(); }

  public static QuadrantDeriverModel load(String path) { return read().load(path); }
}
