package dev.songmood.train;

import dev.songmood.stages.LexiconFeatures;
import dev.songmood.stages.StyleFeatures;
import dev.songmood.stages.TextFeatureStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;

/**
 * Hand-made song features appended to a classifier's own: VADER affect ({@link LexiconFeatures}), style and
 * structure ({@link StyleFeatures}), both, or none. A searched hyperparameter of the TF-IDF family
 * ({@code --extra-features}); the stages are part of the fitted classifier, so labelling computes them the same way.
 */
public enum ExtraFeatures {
  NONE("none"), LEXICON("lexicon"), STYLE("style"), LEXICON_STYLE("lexicon+style");

  private final String id;

  ExtraFeatures(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static ExtraFeatures parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (ExtraFeatures e : values()) {
      if (e.id.equals(v)) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown extra features '" + value + "' (expected none, lexicon, style or "
        + "lexicon+style)");
  }

  /**
   * The stages that put {@code features} and these extras, z-scored on the training songs (a StandardScaler: the
   * extras are a few dense columns on scales unlike the unit-length TF-IDF vector's), side by side into
   * {@code out}; no stages for {@link #NONE}, whose caller reads {@code features} itself.
   */
  List<PipelineStage> stages(String prefix, String features, String out) {
    List<TextFeatureStage> extras = new ArrayList<>();
    if (this == LEXICON || this == LEXICON_STYLE) {
      extras.add(new LexiconFeatures().setOutputCol(prefix + "lexicon_features"));
    }
    if (this == STYLE || this == LEXICON_STYLE) {
      extras.add(new StyleFeatures().setOutputCol(prefix + "style_features"));
    }
    List<PipelineStage> stages = new ArrayList<>(extras);
    if (extras.isEmpty()) {
      return stages;
    }
    VectorAssembler raw = new VectorAssembler()
        .setInputCols(extras.stream().map(TextFeatureStage::getOutputCol).toArray(String[]::new))
        .setOutputCol(prefix + "extra_features");
    StandardScaler scaler = new StandardScaler().setInputCol(prefix + "extra_features")
        .setOutputCol(prefix + "extra_scaled").setWithMean(true).setWithStd(true);
    VectorAssembler all = new VectorAssembler().setInputCols(new String[] {features, prefix + "extra_scaled"})
        .setOutputCol(out);
    stages.add(raw);
    stages.add(scaler);
    stages.add(all);
    return stages;
  }
}
