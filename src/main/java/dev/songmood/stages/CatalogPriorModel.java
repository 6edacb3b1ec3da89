package dev.songmood.stages;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import dev.songmood.input.Fields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * Combines the lyrics classifier's {@code probability} with what the training songs sharing the song's artist (or
 * genre) were labelled, then predicts the most probable quadrant:
 *
 * <pre>
 *   p(q | song) ∝ p_lyrics(q) · Π_k (p_k(q) / p(q))^w_k,   p_k(q) = (n_k(q) + m·p(q)) / (N_k + m)
 * </pre>
 *
 * where n_k(q) counts the training songs with the same value of key column k in quadrant q, N_k all of them, p(q) is
 * the training class balance, m the smoothing and w_k the column's weight. A value not seen in training, a null
 * value or a column the input lacks gives p_k = p and changes nothing, so the model labels catalogs of unknown
 * artists exactly as the lyrics model does. Values are compared trimmed, lower-cased, with single spaces.
 *
 * <p>Saved as Spark ML metadata plus {@code data/} (Parquet: column, value, counts), like MLlib's own models.
 */
public final class CatalogPriorModel extends Model<CatalogPriorModel> implements CatalogPriorParams, MLWritable,
    LocalStage {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(CatalogPriorModel.class);
  static final int CLASSES = 4;
  /** The data row holding the class counts of the whole catalog. */
  public static final String PRIOR_KEY = "*";

  private final String uid;
  private final double[] prior;
  private final Map<String, Map<String, double[]>> tables;
  private final Declared declared;

  /** {@code tables}: per key column, value to class counts; {@code prior}: the class counts of all songs. */
  public CatalogPriorModel(String uid, double[] prior, Map<String, Map<String, double[]>> tables) {
    this.uid = uid;
    this.prior = prior.clone();
    this.tables = tables;
    this.declared = new Declared(this);
    set(keyCols(), tables.keySet().toArray(new String[0]));
    double[] ones = new double[tables.size()];
    Arrays.fill(ones, 1.0);
    setDefault(weights(), ones);
  }

  @Override
  public Declared declared() { return declared; }

  public CatalogPriorModel setWeights(double... value) {
    if (value.length != getKeyCols().length) {
      throw new IllegalArgumentException(uid + ": " + getKeyCols().length + " key columns but " + value.length
          + " weights");
    }
    set(weights(), value);
    return this;
  }

  public CatalogPriorModel setSmoothing(double value) { set(smoothing(), value); return this; }

  /** How many distinct values of a key column the training songs had. */
  public int values(String keyCol) {
    Map<String, double[]> t = tables.get(keyCol);
    return t == null ? 0 : t.size();
  }

  /** The class counts of the training songs with this value (trimmed, lower-cased), or null when unseen. */
  public double[] counts(String keyCol, String value) {
    Map<String, double[]> t = tables.get(keyCol);
    String k = CatalogPriorRule.normalise(value);
    return t == null || k == null ? null : t.get(k);
  }

  @Override
  public String uid() { return uid; }

  @Override
  public StructType transformSchema(StructType schema) {
    return outputSchema(schema, uid);
  }

  static StructType outputSchema(StructType schema, String uid) {
    if (!StageSchemas.has(schema, Fields.PROBABILITY)
        || !schema.apply(Fields.PROBABILITY).dataType().equals(SQLDataTypes.VectorType())) {
      throw new IllegalArgumentException(uid + ": needs the lyrics classifier's '" + Fields.PROBABILITY
          + "' vector column");
    }
    return StageSchemas.addColumn(schema, Fields.PREDICTION, DataTypes.DoubleType);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    String[] keys = getKeyCols();
    List<Column> values = new ArrayList<>();
    for (String key : keys) {
      if (StageSchemas.has(dataset.schema(), key)) {
        values.add(CatalogPriorRule.normalised(col(key).cast(DataTypes.StringType)));
      } else {
        LOG.warn("{}: the input has no '{}' column: its prior is not applied", uid, key);
        values.add(lit(null).cast(DataTypes.StringType));
      }
    }
    List<Map<String, double[]>> ordered = new ArrayList<>();
    for (String key : keys) {
      ordered.add(tables.getOrDefault(key, Map.of()));
    }
    Broadcast<List<Map<String, double[]>>> counts = JavaSparkContext
        .fromSparkContext(dataset.sparkSession().sparkContext()).broadcast(ordered);
    final double[] base = CatalogPriorRule.baseRates(prior);
    final double[] w = getWeights().clone();
    final double m = getSmoothing();
    UDF2<Vector, scala.collection.Seq<String>, Vector> combine = (probability, keyValues) -> {
      List<double[]> found = new ArrayList<>();
      for (int i = 0; i < w.length; i++) {
        String v = keyValues.apply(i);
        found.add(v == null ? null : counts.value().get(i).get(v));
      }
      return CatalogPriorRule.combine(probability, base, found, w, m);
    };
    Dataset<Row> out = dataset.toDF().withColumn(Fields.PROBABILITY, udf(combine, SQLDataTypes.VectorType())
        .apply(col(Fields.PROBABILITY), array(values.toArray(new Column[0]))));
    return StageSchemas.withArgmax(out);
  }

  @Override
  public void applyLocally(List<Map<String, Object>> songs) {
    String[] keys = getKeyCols();
    double[] base = CatalogPriorRule.baseRates(prior);
    for (Map<String, Object> song : songs) {
      List<double[]> found = new ArrayList<>();
      for (String key : keys) {
        Object value = song.get(key);
        String n = value == null ? null : CatalogPriorRule.normalise(String.valueOf(value));
        found.add(n == null ? null : tables.getOrDefault(key, Map.of()).get(n));
      }
      Vector p = CatalogPriorRule.combine((Vector) song.get(Fields.PROBABILITY), base, found, getWeights(),
          getSmoothing());
      song.put(Fields.PROBABILITY, p);
      song.put(Fields.PREDICTION, (double) p.argmax());
    }
  }

  @Override
  public CatalogPriorModel copy(ParamMap extra) {
    CatalogPriorModel copy = new CatalogPriorModel(uid, prior, tables);
    return copyValues(copy, extra).setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  public static MLReader<CatalogPriorModel> read() {
    return new Reader();
  }

  public static CatalogPriorModel load(String path) {
    return read().load(path);
  }

  private static StructType dataSchema() {
    return new StructType().add("column", DataTypes.StringType, false).add("value", DataTypes.StringType, false)
        .add("counts", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
  }

  private static final class Writer extends MLWriter {
    private final CatalogPriorModel model;

    Writer(CatalogPriorModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter$.MODULE$.saveMetadata(model, path, sparkSession().sparkContext(), Option.empty(),
          Option.empty());
      List<Row> rows = new ArrayList<>();
      rows.add(RowFactory.create(PRIOR_KEY, PRIOR_KEY, boxed(model.prior)));
      model.tables.forEach((column, table) -> table.forEach((value, counts) ->
          rows.add(RowFactory.create(column, value, boxed(counts)))));
      sparkSession().createDataFrame(rows, dataSchema()).repartition(1).write().parquet(path + "/data");
    }

    private static List<Double> boxed(double[] counts) {
      List<Double> out = new ArrayList<>();
      for (double c : counts) {
        out.add(c);
      }
      return out;
    }
  }

  private static final class Reader extends MLReader<CatalogPriorModel> {
    @Override
    public CatalogPriorModel load(String path) {
      DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sparkSession().sparkContext(),
          CatalogPriorModel.class.getName());
      double[] prior = null;
      Map<String, Map<String, double[]>> tables = new LinkedHashMap<>();
      for (Row r : sparkSession().read().parquet(path + "/data").collectAsList()) {
        List<Double> list = r.getList(2);
        double[] counts = list.stream().mapToDouble(Double::doubleValue).toArray();
        if (PRIOR_KEY.equals(r.getString(0))) {
          prior = counts;
        } else {
          tables.computeIfAbsent(r.getString(0), k -> new HashMap<>()).put(r.getString(1), counts);
        }
      }
      if (prior == null) {
        throw new IllegalStateException("catalog prior at " + path + " has no class counts");
      }
      // the saved params restore keyCols (with any column that had no values), weights and smoothing
      CatalogPriorModel model = new CatalogPriorModel(metadata.uid(), prior, tables);
      metadata.getAndSetParams(model, Option.empty());
      return model;
    }
  }
}
