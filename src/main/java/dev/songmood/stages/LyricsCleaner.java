package dev.songmood.stages;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;

import dev.songmood.input.Fields;
import dev.songmood.stages.text.LyricsText;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.StopWordsRemover;
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
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Cleans lyrics text, saved inside the model so that labelling cleans exactly as training did.
 * See {@link CleaningProfile} for what each profile does; the rules themselves are in {@link LyricsText}.
 */
public final class LyricsCleaner extends Transformer implements DefaultParamsWritable, LocalStage {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final Param<String> profile;
  private final StringArrayParam stopWords;

  public LyricsCleaner() {
    this(Identifiable$.MODULE$.randomUID("lyricsCleaner"));
  }

  public LyricsCleaner(String uid) {
    this.uid = uid;
    inputCol = new Param<>(this, "inputCol", "raw lyrics column");
    outputCol = new Param<>(this, "outputCol", "cleaned lyrics column");
    profile = new Param<>(this, "profile", "cleaning profile: full (bag of words) or light (encoders)");
    stopWords = new StringArrayParam(this, "stopWords", "lower-case words removed by the full profile");
    setDefault(inputCol, Fields.LYRICS);
    setDefault(outputCol, Fields.CLEAN_LYRICS);
    setDefault(profile, "full");
    setDefault(stopWords, StopWordsRemover.loadDefaultStopWords("english"));
  }

  public Param<String> inputCol() { return inputCol; }
  public Param<String> outputCol() { return outputCol; }
  public Param<String> profile() { return profile; }
  public StringArrayParam stopWords() { return stopWords; }

  public LyricsCleaner setInputCol(String value) { set(inputCol, value); return this; }
  public LyricsCleaner setOutputCol(String value) { set(outputCol, value); return this; }
  public LyricsCleaner setProfile(CleaningProfile value) { set(profile, value.name().toLowerCase()); return this; }
  public LyricsCleaner setStopWords(String[] value) { set(stopWords, value); return this; }

  public CleaningProfile getProfile() { return CleaningProfile.parse($(profile)); }

  @Override
  public String uid() { return uid; }

  @Override
  public StructType transformSchema(StructType schema) {
    StageSchemas.requireString(schema, $(inputCol), this);
    return StageSchemas.addColumn(StageSchemas.addColumn(schema, $(outputCol), DataTypes.StringType),
        Fields.UNPROCESSABLE, DataTypes.StringType);
  }

  /**
   * Adds the cleaned lyrics; a song whose cleaning throws gets null there and its failure in
   * {@link Fields#UNPROCESSABLE} (an earlier failure kept), for the screen to quarantine ({@link PerSong}).
   */
  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    UserDefinedFunction cleaner = PerSong.udf(function());
    String outcome = "_" + $(outputCol) + "_outcome";
    Column error = col(outcome).getField("error");
    if (StageSchemas.has(dataset.schema(), Fields.UNPROCESSABLE)) {
      error = coalesce(col(Fields.UNPROCESSABLE), error);
    }
    return dataset.withColumn(outcome, cleaner.apply(col($(inputCol))))
        .withColumn($(outputCol), col(outcome).getField("value"))
        .withColumn(Fields.UNPROCESSABLE, error)
        .drop(outcome);
  }

  @Override
  public void applyLocally(List<Map<String, Object>> songs) {
    PerSong.Step clean = function();
    for (Map<String, Object> song : songs) {
      PerSong.Outcome o = PerSong.attempt(clean, (String) song.get($(inputCol)));
      song.put($(outputCol), o.value());
      if (song.get(Fields.UNPROCESSABLE) == null) {  // an earlier stage's failure is kept
        song.put(Fields.UNPROCESSABLE, o.error());
      }
    }
  }

  /** The cleaning, capturing only the profile and the stop-word set (both serialisable), not this stage. */
  private PerSong.Step function() {
    if (getProfile() == CleaningProfile.FULL) {
      HashSet<String> words = new HashSet<>(Arrays.asList($(stopWords)));
      return text -> LyricsText.cleanFull(text, words);
    }
    return LyricsText::normalizeLight;
  }

  @Override
  public LyricsCleaner copy(ParamMap extra) { return defaultCopy(extra); }

  public static MLReader<LyricsCleaner> read() { return new DefaultParamsReader<>(); }

  public static LyricsCleaner load(String path) { return read().load(path); }
}
