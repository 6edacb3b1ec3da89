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
import org.apache.spark.ml.param.StringArrayParam;
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
 * Combines two classifiers by averaging their class probabilities ({@code weight * first + (1 - weight) *
 * second}) and predicts the most probable class: a late fusion of, for example, the TF-IDF model and the encoder
 * model, which measured better than either alone when their errors differ.
 */
public final class ProbabilityAverager extends Transformer implements DefaultParamsWritable, LocalStage {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final StringArrayParam inputCols;
  private final DoubleParam weight;

  public ProbabilityAverager() {
    this(Identifiable$.MODULE$.randomUID("probabilityAverager"));
  }

  public ProbabilityAverager(String uid) {
    this.uid = uid;
    inputCols = new StringArrayParam(this, "inputCols", "the two probability vector columns");
    weight = new DoubleParam(this, "weight", "weight of the first column, 0..1", ParamValidators.inRange(0, 1));
    setDefault(weight, 0.5);
  }

  public StringArrayParam inputCols() { return inputCols; }
  public DoubleParam weight() { return weight; }

  public ProbabilityAverager setInputCols(String first, String second) {
    set(inputCols, new String[] {first, second});
    return this;
  }

  public ProbabilityAverager setWeight(double value) { set(weight, value); return this; }

  public double getWeight() { return (Double) $(weight); }

  @Override
  public String uid() { return uid; }

  @Override
  public StructType transformSchema(StructType schema) {
    String[] in = $(inputCols);
    if (in.length != 2) {
      throw new IllegalArgumentException(uid + ": needs exactly two probability columns, got " + in.length);
    }
    for (String c : in) {
      if (!StageSchemas.has(schema, c) || !schema.apply(c).dataType().equals(SQLDataTypes.VectorType())) {
        throw new IllegalArgumentException(uid + ": column '" + c + "' must be a probability vector");
      }
    }
    return StageSchemas.addColumn(StageSchemas.addColumn(schema, Fields.PROBABILITY, SQLDataTypes.VectorType()),
        Fields.PREDICTION, DataTypes.DoubleType);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    final double w = getWeight();
    UDF2<Vector, Vector, Vector> mix = (a, b) -> average(a, b, w);
    String[] in = $(inputCols);
    Dataset<Row> mixed = dataset.withColumn(Fields.PROBABILITY,
        udf(mix, SQLDataTypes.VectorType()).apply(col(in[0]), col(in[1])));
    return StageSchemas.withArgmax(mixed);
  }

  @Override
  public void applyLocally(List<Map<String, Object>> songs) {
    String[] in = $(inputCols);
    for (Map<String, Object> song : songs) {
      Vector mixed = average((Vector) song.get(in[0]), (Vector) song.get(in[1]), getWeight());
      song.put(Fields.PROBABILITY, mixed);
      song.put(Fields.PREDICTION, (double) mixed.argmax());
    }
  }

  /** The averaging rule on plain vectors. */
  public static Vector average(Vector a, Vector b, double w) {
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = w * a.apply(i) + (1 - w) * b.apply(i);
    }
    return Vectors.dense(out);
  }

  @Override
  public ProbabilityAverager copy(ParamMap extra) { return defaultCopy(extra); }

  public static MLReader<ProbabilityAverager> read() { return new DefaultParamsReader<>(); }

  public static ProbabilityAverager load(String path) { return read().load(path); }
}
