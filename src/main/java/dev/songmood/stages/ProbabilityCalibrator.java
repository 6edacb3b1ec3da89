package dev.songmood.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import dev.songmood.input.Fields;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Temperature scaling of the model's final class probabilities (Guo et al. 2017): {@code p_i <- p_i^(1/T) / sum_j
 * p_j^(1/T)}, i.e. {@code softmax(log p / T)}. T above 1 softens an over-confident model, below 1 sharpens an
 * under-confident one; the order of the classes, hence the predicted quadrant, is unchanged. The last stage of a
 * trained model's classifier, so that {@code confidence} means how often the model is right; T is fitted by
 * {@code train.Calibration} on songs the classifier did not see.
 */
public final class ProbabilityCalibrator extends Transformer implements DefaultParamsWritable, LocalStage {
  private static final long serialVersionUID = 1L;
  /** The identity: a calibrator that changes nothing until fitted. */
  public static final double TEMPERATURE_DEFAULT = 1.0;

  private final String uid;
  private final DoubleParam temperature;

  public ProbabilityCalibrator() {
    this(Identifiable$.MODULE$.randomUID("probabilityCalibrator"));
  }

  public ProbabilityCalibrator(String uid) {
    this.uid = uid;
    temperature = new DoubleParam(this, "temperature", "the probabilities' temperature T > 0: p_i^(1/T), "
        + "renormalised; above 1 softens, below 1 sharpens", ParamValidators.gt(0));
    setDefault(temperature, TEMPERATURE_DEFAULT);
  }

  public DoubleParam temperature() { return temperature; }

  public ProbabilityCalibrator setTemperature(double value) { set(temperature, value); return this; }

  public double getTemperature() { return TypedParams.get(this, temperature); }

  @Override
  public String uid() { return uid; }

  @Override
  public StructType transformSchema(StructType schema) {
    if (!StageSchemas.has(schema, Fields.PROBABILITY)
        || !schema.apply(Fields.PROBABILITY).dataType().equals(SQLDataTypes.VectorType())) {
      throw new IllegalArgumentException(uid + ": needs a '" + Fields.PROBABILITY + "' vector column; columns are "
          + java.util.Arrays.toString(schema.fieldNames()));
    }
    return StageSchemas.addColumn(schema, Fields.PREDICTION, DataTypes.DoubleType);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    final double t = getTemperature();
    UDF1<Vector, Vector> scale = p -> p == null ? null : scaled(p, t);
    Dataset<Row> out = dataset.withColumn(Fields.PROBABILITY,
        udf(scale, SQLDataTypes.VectorType()).apply(col(Fields.PROBABILITY)));
    return StageSchemas.withArgmax(out);
  }

  @Override
  public void applyLocally(List<Map<String, Object>> songs) {
    double t = getTemperature();
    for (Map<String, Object> song : songs) {
      Vector p = (Vector) song.get(Fields.PROBABILITY);
      Vector out = p == null ? null : scaled(p, t);
      song.put(Fields.PROBABILITY, out);
      song.put(Fields.PREDICTION, out == null ? null : (double) out.argmax());
    }
  }

  /**
   * The rule on one vector, computed in log space (a zero probability stays zero, no overflow for small T). Its
   * argmax is the input's: x -> x / T is monotone for T > 0. Rounding can only tie two classes whose log
   * probabilities were one ulp apart, so the assertion accepts an equal value at the input's argmax.
   */
  public static Vector scaled(Vector p, double t) {
    double[] out = scaled(p.toArray(), t);
    Vector v = Vectors.dense(out);
    assert v.argmax() == p.argmax() || out[p.argmax()] == out[v.argmax()]
        : "temperature scaling changed the class order of " + p;
    return v;
  }

  /** {@link #scaled(Vector, double)} on an array (the fit's validation songs). */
  public static double[] scaled(double[] p, double t) {
    double[] logits = new double[p.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < p.length; i++) {
      logits[i] = p[i] > 0 ? Math.log(p[i]) / t : Double.NEGATIVE_INFINITY;
      max = Math.max(max, logits[i]);
    }
    if (max == Double.NEGATIVE_INFINITY) {  // no probability anywhere: nothing to rescale
      return p.clone();
    }
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      logits[i] = Math.exp(logits[i] - max);
      sum += logits[i];
    }
    for (int i = 0; i < p.length; i++) {
      logits[i] /= sum;
    }
    return logits;
  }

  @Override
  public ProbabilityCalibrator copy(ParamMap extra) { return defaultCopy(extra); }

  public static MLReader<ProbabilityCalibrator> read() { return new DefaultParamsReader<>(); }

  public static ProbabilityCalibrator load(String path) { return read().load(path); }
}
