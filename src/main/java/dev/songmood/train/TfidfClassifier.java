package dev.songmood.train;

import dev.songmood.input.Fields;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.Normalizer;
import org.apache.spark.ml.feature.RegexTokenizer;

/**
 * The baseline classifier pipeline: whitespace tokens of the fully cleaned lyrics, term counts over a vocabulary
 * learned from the training songs, IDF weighting, and a multinomial logistic regression weighted per class
 * (the quadrants are imbalanced). Its input is {@link Fields#CLEAN_LYRICS}; it adds probability and prediction.
 * With {@link ExtraFeatures}, the lyrics' affect and style features (z-scored) join the unit TF-IDF vector.
 */
public final class TfidfClassifier {
  public static final String NAME = "tfidf-logreg";

  private TfidfClassifier() {
  }

  public static Pipeline pipeline(TfidfSpec p) {
    return pipeline(p, "");
  }

  /** The pipeline whose outputs are named {@code <prefix>probability} and {@code <prefix>prediction}. */
  public static Pipeline pipeline(TfidfSpec p, String prefix) {
    RegexTokenizer tokens = new RegexTokenizer()
        .setInputCol(Fields.CLEAN_LYRICS)
        .setOutputCol(prefix + "tokens")
        .setPattern("\\s+")
        .setToLowercase(false);
    CountVectorizer counts = new CountVectorizer()
        .setInputCol(prefix + "tokens")
        .setOutputCol(prefix + "term_counts")
        .setVocabSize(p.vocabSize())
        .setMinDF(p.minDocFreq());
    IDF idf = new IDF().setInputCol(prefix + "term_counts").setOutputCol(prefix + "tfidf");
    // Unit-length vectors, as scikit-learn's TfidfVectorizer: long and short lyrics weigh the same.
    boolean extras = p.extraFeatures() != ExtraFeatures.NONE;
    String unit = prefix + (extras ? "tfidf_unit" : "features");
    Normalizer norm = new Normalizer().setInputCol(prefix + "tfidf").setOutputCol(unit).setP(2.0);
    LogisticRegression lr = new LogisticRegression()
        .setFamily("multinomial")
        .setFeaturesCol(prefix + "features")
        .setLabelCol(Fields.LABEL)
        .setWeightCol(Fields.WEIGHT)
        // Standardising TF-IDF columns would blow up rare words and make regularisation meaningless.
        .setStandardization(false)
        .setRegParam(p.regParam())
        .setElasticNetParam(p.elasticNet())
        .setMaxIter(p.maxIter())
        .setRawPredictionCol(prefix + "raw_prediction")
        .setProbabilityCol(prefix + Fields.PROBABILITY)
        .setPredictionCol(prefix + Fields.PREDICTION);
    List<PipelineStage> stages = new ArrayList<>(List.of(tokens, counts, idf, norm));
    stages.addAll(p.extraFeatures().stages(prefix, unit, prefix + "features"));
    stages.add(lr);
    return new Pipeline().setStages(stages.toArray(new PipelineStage[0]));
  }
}
