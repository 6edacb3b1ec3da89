package dev.songmood.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.songmood.input.Fields;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes each song's lyrics language ({@link Fields#LANGUAGE}: an ISO 639-1 code, null when the detector cannot
 * tell) and whether it is one the model was trained on ({@link Fields#LANGUAGE_SUPPORTED}). Detection runs on the
 * executors, in a UDF (so a few rows on the driver, as {@code predict} has them, need no Spark job), and only on
 * rows no earlier screen rejected. A song of undetermined language counts as supported: the detector fails mostly
 * on short, repetitive or mixed lyrics, which the model reads as well as any; and a language the model was not
 * trained on is named only on strong evidence ({@link LanguageEvidence}), so no song in the model's own language is
 * lost to a guess made from a few repeated lines. No trained languages recorded (an
 * empty list): every language counts as supported.
 *
 * <p>What to do with unsupported songs is the job's policy, not the model's: this stage only says.
 */
public final class LanguageDetectorModel extends Model<LanguageDetectorModel> implements LanguageDetectorParams,
    DefaultParamsWritable, LocalStage {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Declared declared;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final Param<String> supportedCol;
  private final StringArrayParam languages;
  /** The training songs per detected language, as the estimator counted them; not saved (provenance keeps it). */
  private transient Map<String, Long> trainingCounts = Map.of();

  public LanguageDetectorModel() {
    this(Identifiable$.MODULE$.randomUID("languageDetector"));
  }

  public LanguageDetectorModel(String uid) {
    this.uid = uid;
    this.declared = new Declared(this);
    inputCol = new Param<>(this, "inputCol", "lyrics as read");
    outputCol = new Param<>(this, "outputCol", "detected language (ISO 639-1), null when undetermined");
    supportedCol = new Param<>(this, "supportedCol", "whether the language is one the model was trained on");
    languages = new StringArrayParam(this, "languages", "languages the model was trained on (ISO 639-1)");
    setDefault(inputCol, Fields.LYRICS);
    setDefault(outputCol, Fields.LANGUAGE);
    setDefault(supportedCol, Fields.LANGUAGE_SUPPORTED);
    setDefault(languages, new String[0]);
  }

  public Param<String> inputCol() { return inputCol; }
  public Param<String> outputCol() { return outputCol; }
  public Param<String> supportedCol() { return supportedCol; }
  public StringArrayParam languages() { return languages; }

  @Override
  public Declared declared() { return declared; }

  public LanguageDetectorModel setMinProbability(double value) { set(minProbability(), value); return this; }
  public LanguageDetectorModel setLanguages(String... value) { set(languages, value.clone()); return this; }

  /** The languages the model was trained on (sorted ISO 639-1 codes; empty: not known). */
  public String[] getLanguages() { return $(languages).clone(); }

  public Map<String, Long> trainingCounts() { return trainingCounts; }

  LanguageDetectorModel withTrainingCounts(Map<String, Long> counts) {
    trainingCounts = Map.copyOf(counts);
    return this;
  }

  @Override
  public String uid() { return uid; }

  @Override
  public StructType transformSchema(StructType schema) {
    StageSchemas.requireString(schema, $(inputCol), this);
    return StageSchemas.addColumn(StageSchemas.addColumn(schema, $(outputCol), DataTypes.StringType),
        $(supportedCol), DataTypes.BooleanType);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    double min = getMinProbability();
    List<String> reads = List.of($(languages));
    Column detected = PerSong.udf(text -> LanguageIdentifier.identify(text, min, reads)).apply(col($(inputCol)));
    boolean screened = StageSchemas.has(dataset.schema(), Fields.REJECT_REASON);
    if (screened) {  // rejected rows are never labelled anyway
      detected = when(col(Fields.REJECT_REASON).isNull(), detected);
    }
    Column language = col($(outputCol));
    String[] trained = $(languages);
    Column supported = trained.length == 0 ? lit(true)
        : language.isNull().or(language.isin((Object[]) trained));
    String outcome = "_language_outcome";
    Dataset<Row> out = dataset.withColumn(outcome, detected)
        .withColumn($(outputCol), col(outcome).getField("value")).withColumn($(supportedCol), supported);
    if (screened) {  // a song the detector threw on is quarantined, as every per-song failure (PerSong)
      Column failed = col(outcome).getField("error").isNotNull();
      out = out.withColumn(Fields.REJECT_DETAIL, when(failed, col(outcome).getField("error"))
              .otherwise(col(Fields.REJECT_DETAIL)))
          .withColumn(Fields.REJECT_REASON, when(failed, lit(PerSong.REASON)).otherwise(col(Fields.REJECT_REASON)));
    }
    return out.drop(outcome);
  }

  @Override
  public void applyLocally(List<Map<String, Object>> songs) {
    double min = getMinProbability();
    List<String> trained = List.of($(languages));
    for (Map<String, Object> song : songs) {
      boolean rejected = song.get(Fields.REJECT_REASON) != null;  // never labelled anyway, as transform says
      PerSong.Outcome o = rejected ? new PerSong.Outcome(null, null)
          : PerSong.attempt(text -> LanguageIdentifier.identify(text, min, trained),
              (String) song.get($(inputCol)));
      String language = o.value();
      if (o.error() != null && song.containsKey(Fields.REJECT_REASON)) {
        song.put(Fields.REJECT_REASON, PerSong.REASON);
        song.put(Fields.REJECT_DETAIL, o.error());
      }
      song.put($(outputCol), language);
      song.put($(supportedCol), trained.isEmpty() || language == null || trained.contains(language));
    }
  }

  @Override
  public LanguageDetectorModel copy(ParamMap extra) {
    return copyValues(new LanguageDetectorModel(uid), extra).setParent(parent())
        .withTrainingCounts(trainingCounts);
  }

  @Override
  public String toString() {
    return "LanguageDetectorModel(" + uid + ", trained on " + Arrays.toString($(languages)) + ")";
  }

  public static MLReader<LanguageDetectorModel> read() { return new DefaultParamsReader<>(); }

  public static LanguageDetectorModel load(String path) { return read().load(path); }
}
