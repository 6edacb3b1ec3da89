package dev.songmood.stages;

import static org.apache.spark.sql.functions.col;

import dev.songmood.input.Fields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns which languages a model is trained on: the detected languages of the training songs the screen accepted,
 * each holding at least {@code minShare} of them (a few dozen Spanish songs in an English data set do not teach an
 * English encoder Spanish). Yields the {@link LanguageDetectorModel} saved in the model's preprocessing pipeline.
 * Counting is one Spark aggregation (a row per language reaches the driver).
 */
public final class LanguageDetector extends Estimator<LanguageDetectorModel> implements LanguageDetectorParams,
    DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(LanguageDetector.class);

  /** Least share of the accepted training songs for a language to count as one the model was trained on. */
  public static final double MIN_SHARE_DEFAULT = 0.05;
  /** The language a model that records none (trained before language detection) is taken to read. */
  public static final String ASSUMED_LANGUAGE = "en";

  private final String uid;
  private final Declared declared;
  private final DoubleParam minShare;

  public LanguageDetector() {
    this(Identifiable$.MODULE$.randomUID("languageDetector"));
  }

  public LanguageDetector(String uid) {
    this.uid = uid;
    this.declared = new Declared(this);
    minShare = new DoubleParam(this, "minShare", "least share of training songs for a language to be trained on",
        ParamValidators.inRange(0.0, 1.0));
    setDefault(minShare, MIN_SHARE_DEFAULT);
  }

  @Override
  public Declared declared() { return declared; }

  public DoubleParam minShare() { return minShare; }

  public double getMinShare() { return TypedParams.get(this, minShare); }

  public LanguageDetector setMinShare(double value) { set(minShare, value); return this; }

  @Override
  public String uid() { return uid; }

  @Override
  public StructType transformSchema(StructType schema) {
    return new LanguageDetectorModel(uid).transformSchema(schema);
  }

  @Override
  public LanguageDetectorModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    LanguageDetectorModel probe = new LanguageDetectorModel(uid).setMinProbability(getMinProbability());
    Dataset<Row> detected = probe.transform(dataset);
    if (StageSchemas.has(detected.schema(), Fields.REJECT_REASON)) {
      detected = detected.where(col(Fields.REJECT_REASON).isNull());
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    long total = 0;
    for (Row r : detected.groupBy(Fields.LANGUAGE).count().orderBy(col("count").desc()).collectAsList()) {
      counts.put(r.isNullAt(0) ? "und" : r.getString(0), r.getLong(1));
      total += r.getLong(1);
    }
    List<String> trained = new ArrayList<>();
    double minShare = getMinShare();
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (!e.getKey().equals("und") && e.getValue() >= minShare * total) {
        trained.add(e.getKey());
      }
    }
    trained.sort(null);
    LOG.info("languages of {} training songs: {}; trained on {}", total, counts, trained);
    return probe.setLanguages(trained.toArray(new String[0])).setParent(this).withTrainingCounts(counts);
  }

  @Override
  public LanguageDetector copy(ParamMap extra) { return defaultCopy(extra); }

  public static MLReader<LanguageDetector> read() { return new DefaultParamsReader<>(); }
}
