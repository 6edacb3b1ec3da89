package dev.songmood.stages;

import static org.apache.spark.sql.functions.col;

import dev.songmood.input.Fields;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Learns, for each value of some catalog metadata columns (artist, genre), how the training songs with that value
 * spread over the quadrants; its model combines the lyrics classifier's probabilities with those counts
 * ({@link CatalogPriorModel}).
 *
 * <p>Songs by the same artist share a mood far more often than chance (on the MuSe splits 87% of the test songs'
 * artists also have training songs). The counts are smoothed towards the overall class balance by
 * {@code smoothing} pseudo-songs, so a value seen once moves little, and an unseen or missing value leaves the lyrics
 * model's probabilities as they are.
 */
public final class CatalogPrior extends Estimator<CatalogPriorModel> implements CatalogPriorParams,
    DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Declared declared;
  private final Param<String> labelCol;

  public CatalogPrior() {
    this(Identifiable$.MODULE$.randomUID("catalogPrior"));
  }

  public CatalogPrior(String uid) {
    this.uid = uid;
    this.declared = new Declared(this);
    labelCol = new Param<>(this, "labelCol", "quadrant label column (0..3)");
    setDefault(keyCols(), new String[] {Fields.ARTIST});
    setDefault(weights(), new double[] {1.0});
    setDefault(labelCol, Fields.LABEL);
  }

  @Override
  public Declared declared() { return declared; }

  public Param<String> labelCol() { return labelCol; }

  public CatalogPrior setKeyCols(String... value) { set(keyCols(), value); return this; }
  public CatalogPrior setWeights(double... value) { set(weights(), value); return this; }
  public CatalogPrior setSmoothing(double value) { set(smoothing(), value); return this; }
  public CatalogPrior setLabelCol(String value) { set(labelCol, value); return this; }

  @Override
  public String uid() { return uid; }

  /** The scored rows the fitted model transforms: they need the lyrics classifier's probabilities. */
  @Override
  public StructType transformSchema(StructType schema) {
    checkParams();
    return CatalogPriorModel.outputSchema(schema, uid);
  }

  private void checkParams() {
    if (getKeyCols().length != getWeights().length) {
      throw new IllegalArgumentException(uid + ": " + getKeyCols().length + " key columns but " + getWeights().length
          + " weights");
    }
  }

  /** Counts labels on training rows: they need the label column, not probabilities. */
  @Override
  public CatalogPriorModel fit(Dataset<?> dataset) {
    checkParams();
    StageSchemas.requireNumeric(dataset.schema(), $(labelCol), this);
    String label = $(labelCol);
    double[] prior = new double[CatalogPriorModel.CLASSES];
    for (Row r : dataset.groupBy(col(label)).count().collectAsList()) {
      prior[(int) Math.round(((Number) r.get(0)).doubleValue())] += r.getLong(1);
    }
    Map<String, Map<String, double[]>> tables = new LinkedHashMap<>();
    for (String key : getKeyCols()) {
      Map<String, double[]> table = new HashMap<>();
      if (StageSchemas.has(dataset.schema(), key)) {
        Dataset<Row> counts = dataset.select(CatalogPriorRule.normalised(col(key)).as("k"), col(label).as("l"))
            .where(col("k").isNotNull()).groupBy("k", "l").count();
        for (Row r : counts.collectAsList()) {
          table.computeIfAbsent(r.getString(0), k -> new double[CatalogPriorModel.CLASSES])
              [(int) Math.round(((Number) r.get(1)).doubleValue())] += r.getLong(2);
        }
      }
      tables.put(key, table);
    }
    CatalogPriorModel model = new CatalogPriorModel(uid, prior, tables)
        .setWeights(getWeights()).setSmoothing(getSmoothing());
    model.setParent(this);
    return model;
  }

  @Override
  public CatalogPrior copy(ParamMap extra) { return defaultCopy(extra); }

  public static MLReader<CatalogPrior> read() { return new DefaultParamsReader<>(); }

  public static CatalogPrior load(String path) { return read().load(path); }
}
