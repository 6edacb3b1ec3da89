package dev.songmood.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import dev.songmood.input.Fields;
import dev.songmood.stages.text.LyricsText;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructType;

/**
 * A stage that turns each song's lyrics into a dense vector of hand-made features by a rule with no fitted state
 * ({@link LexiconFeatures}, {@link StyleFeatures}). It reads the lightly normalised lyrics ({@link
 * Fields#LIGHT_LYRICS}) when the rows have them (models with an encoder), and otherwise the raw lyrics through
 * {@link LyricsText#normalizeLight}, which is what makes those: the same text either way. Empty or missing text
 * gives all zeros, so a later {@code VectorAssembler} never meets a null. Spark and in-memory runs call the same
 * static rule.
 */
public abstract class TextFeatureStage extends Transformer implements DefaultParamsWritable, LocalStage {
  private static final long serialVersionUID = 1L;

  /** One song's features from its lightly normalised lyrics; serialisable, as it travels inside a UDF. */
  @FunctionalInterface
  public interface Rule extends Serializable {
    double[] features(String text);
  }

  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> rawCol;
  private final Param<String> outputCol;

  protected TextFeatureStage(String uid, String defaultOutputCol) {
    this.uid = uid;
    inputCol = new Param<>(this, "inputCol", "lightly normalised lyrics, read when the rows have this column");
    rawCol = new Param<>(this, "rawCol", "raw lyrics, read through LyricsText.normalizeLight otherwise");
    outputCol = new Param<>(this, "outputCol", "the features (dense vector)");
    setDefault(inputCol, Fields.LIGHT_LYRICS);
    setDefault(rawCol, Fields.LYRICS);
    setDefault(outputCol, defaultOutputCol);
  }

  /** The rule; a static method reference, so that no stage is captured. */
  protected abstract Rule rule();

  /** The feature names, in vector order. */
  public abstract List<String> featureNames();

  public Param<String> inputCol() { return inputCol; }
  public Param<String> rawCol() { return rawCol; }
  public Param<String> outputCol() { return outputCol; }

  public String getOutputCol() { return $(outputCol); }

  public TextFeatureStage setInputCol(String value) { set(inputCol, value); return this; }
  public TextFeatureStage setRawCol(String value) { set(rawCol, value); return this; }
  public TextFeatureStage setOutputCol(String value) { set(outputCol, value); return this; }

  @Override
  public String uid() { return uid; }

  @Override
  public StructType transformSchema(StructType schema) {
    boolean light = StageSchemas.has(schema, $(inputCol));
    StageSchemas.requireString(schema, light ? $(inputCol) : $(rawCol), this);
    return StageSchemas.addColumn(schema, $(outputCol), SQLDataTypes.VectorType());
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    boolean light = StageSchemas.has(dataset.schema(), $(inputCol));
    Rule rule = rule();
    UDF1<String, Vector> f = text -> vector(rule, text, light);
    // The vector's size in the column's metadata: a VectorAssembler downstream needs no job to learn it.
    Metadata size = new AttributeGroup($(outputCol), featureNames().size()).toMetadata();
    return dataset.withColumn($(outputCol), udf(f, SQLDataTypes.VectorType())
        .apply(col(light ? $(inputCol) : $(rawCol))), size);
  }

  @Override
  public void applyLocally(List<Map<String, Object>> songs) {
    Rule rule = rule();
    for (Map<String, Object> song : songs) {
      boolean light = song.containsKey($(inputCol));
      song.put($(outputCol), vector(rule, (String) song.get(light ? $(inputCol) : $(rawCol)), light));
    }
  }

  private static Vector vector(Rule rule, String text, boolean light) {
    String t = text == null ? "" : light ? text : LyricsText.normalizeLight(text);
    return Vectors.dense(rule.features(t == null ? "" : t));
  }

  @Override
  public TextFeatureStage copy(ParamMap extra) { return defaultCopy(extra); }
}
