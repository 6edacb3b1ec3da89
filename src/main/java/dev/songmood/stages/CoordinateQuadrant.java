package dev.songmood.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import dev.songmood.input.Fields;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The quadrant from predicted valence and arousal: each coordinate's side of the centre, with a probability from
 * the distance to the centre in units of the regression's error (a logistic approximation of a normal error):
 * P(high arousal) = sigmoid(1.7 * (a - centre) / scale), and the quadrants' probabilities are the products.
 */
public final class CoordinateQuadrant extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> valenceCol;
  private final Param<String> arousalCol;
  private final DoubleParam valenceCentre;
  private final DoubleParam arousalCentre;
  private final DoubleParam valenceScale;
  private final DoubleParam arousalScale;

  public CoordinateQuadrant() {
    this(Identifiable$.MODULE$.randomUID("coordinateQuadrant"));
  }

  public CoordinateQuadrant(String uid) {
    this.uid = uid;
    valenceCol = new Param<>(this, "valenceCol", "predicted valence");
    arousalCol = new Param<>(this, "arousalCol", "predicted arousal");
    valenceCentre = new DoubleParam(this, "valenceCentre", "valence at the centre");
    arousalCentre = new DoubleParam(this, "arousalCentre", "arousal at the centre");
    valenceScale = new DoubleParam(this, "valenceScale", "valence prediction error (RMSE)", ParamValidators.gt(0));
    arousalScale = new DoubleParam(this, "arousalScale", "arousal prediction error (RMSE)", ParamValidators.gt(0));
    setDefault(valenceScale, 1.0);
    setDefault(arousalScale, 1.0);
  }

  public Param<String> valenceCol() { return valenceCol; }
  public Param<String> arousalCol() { return arousalCol; }
  public DoubleParam valenceCentre() { return valenceCentre; }
  public DoubleParam arousalCentre() { return arousalCentre; }
  public DoubleParam valenceScale() { return valenceScale; }
  public DoubleParam arousalScale() { return arousalScale; }

  public double getValenceCentre() { return TypedParams.get(this, valenceCentre); }
  public double getArousalCentre() { return TypedParams.get(this, arousalCentre); }
  public double getValenceScale() { return TypedParams.get(this, valenceScale); }
  public double getArousalScale() { return TypedParams.get(this, arousalScale); }

  public CoordinateQuadrant setColumns(String valence, String arousal) {
    set(valenceCol, valence);
    set(arousalCol, arousal);
    return this;
  }

  public CoordinateQuadrant setCentre(double valence, double arousal) {
    set(valenceCentre, valence);
    set(arousalCentre, arousal);
    return this;
  }

  public CoordinateQuadrant setScale(double valence, double arousal) {
    set(valenceScale, valence);
    set(arousalScale, arousal);
    return this;
  }

  @Override
  public String uid() { return uid; }

  @Override
  public StructType transformSchema(StructType schema) {
    StageSchemas.requireNumeric(schema, $(valenceCol), this);
    StageSchemas.requireNumeric(schema, $(arousalCol), this);
    return StageSchemas.addColumn(StageSchemas.addColumn(schema, Fields.PROBABILITY, SQLDataTypes.VectorType()),
        Fields.PREDICTION, DataTypes.DoubleType);
  }

  /** Probabilities of Q1..Q4 for one predicted point. */
  public static double[] probabilities(double v, double a, double vc, double ac, double vs, double as) {
    double pPositive = 1 / (1 + Math.exp(-1.7 * (v - vc) / vs));
    double pHigh = 1 / (1 + Math.exp(-1.7 * (a - ac) / as));
    return new double[] {pHigh * pPositive, pHigh * (1 - pPositive), (1 - pHigh) * (1 - pPositive),
        (1 - pHigh) * pPositive};
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    final double vc = getValenceCentre();
    final double ac = getArousalCentre();
    final double vs = getValenceScale();
    final double as = getArousalScale();
    UDF2<Double, Double, Vector> probs = (v, a) -> Vectors.dense(probabilities(v, a, vc, ac, vs, as));
    Dataset<Row> out = dataset.withColumn(Fields.PROBABILITY, udf(probs, SQLDataTypes.VectorType())
        .apply(col($(valenceCol)).cast("double"), col($(arousalCol)).cast("double")));
    return StageSchemas.withArgmax(out);
  }

  @Override
  public CoordinateQuadrant copy(ParamMap extra) { return defaultCopy(extra); }

  public static MLReader<CoordinateQuadrant> read() { return new DefaultParamsReader<>(); }
}
