package dev.songmood.stages;

import dev.songmood.stages.text.LyricStyle;
import java.util.List;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;

/**
 * Style and structure of the lyrics ({@link LyricStyle}): repetition and chorus, section length, vocabulary
 * variety, pronouns, exclamations, questions, shouting and tense, as one dense vector per song.
 */
public final class StyleFeatures extends TextFeatureStage {
  private static final long serialVersionUID = 1L;

  public StyleFeatures() {
    this(Identifiable$.MODULE$.randomUID("styleFeatures"));
  }

  public StyleFeatures(String uid) {
    super(uid, "style_features");
  }

  @Override
  protected Rule rule() {
    return LyricStyle::features;
  }

  @Override
  public List<String> featureNames() {
    return LyricStyle.NAMES;
  }

  public static MLReader<StyleFeatures> read() { return new DefaultParamsReader<>(); }

  public static StyleFeatures load(String path) { return read().load(path); }
}
