package dev.songmood.evaluate;

import dev.songmood.model.Cascades;
import dev.songmood.model.EmotionModel;
import dev.songmood.model.Provenance;
import dev.songmood.stages.EncoderCascade;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code evaluate}'s part of the encoder cascade. With {@code --add-cascade}: the threshold chosen on the evaluated
 * songs ({@link CascadeTuning#choose}; give it the model's validation split, {@code --split validation}) and the
 * model with the cascade, versioned {@code <version>+cascade-<runId>}, for {@code OUT/model}. For a model that has a
 * cascade (and {@code --cascade} on): the report's line comparing it with the full model on these songs, which
 * costs a second pass of the encoder over the songs the cascade spared.
 */
final class CascadeStep {
  private static final Logger LOG = LoggerFactory.getLogger(CascadeStep.class);

  private CascadeStep() {
  }

  /**
   * The model with a new cascade to publish, when {@code --add-cascade} asked for one; adds its line to the report.
   * {@code classified}: {@code accepted} as the model classified them for the report.
   */
  static Optional<EmotionModel> run(EmotionModel model, EvaluateConfig config, Dataset<Row> accepted,
      Dataset<Row> classified, Map<String, String> context, String runId) {
    Optional<EncoderCascade> own = model.cascade();
    if (!config.addCascade() && own.isEmpty()) {
      return Optional.empty();
    }
    // A model without a cascade has just classified every song with every member: those answers are the full ones.
    CascadeTuning.Scores scores = own.isEmpty() ? CascadeTuning.score(model, accepted, classified)
        : CascadeTuning.score(model, accepted);
    if (!config.addCascade()) {
      CascadeTuning.Comparison c = CascadeTuning.compare(scores, own.get().getThreshold(),
          CascadeTuning.BOOTSTRAP_SEED);
      LOG.info("evaluate: cascade {}", c);
      context.put("cascade", c.toString());
      return Optional.empty();
    }
    if (scores.labels().length < CascadeTuning.MIN_SONGS) {
      throw new IllegalArgumentException("--add-cascade needs at least " + CascadeTuning.MIN_SONGS + " labelled "
          + "songs that the model scores to choose a threshold on; the input has " + scores.labels().length);
    }
    double threshold = CascadeTuning.choose(scores, CascadeTuning.TOLERANCE_DEFAULT);
    CascadeTuning.Comparison c = CascadeTuning.compare(scores, threshold, CascadeTuning.BOOTSTRAP_SEED);
    String dataset = context.get("dataset");
    Map<String, Object> cascade = new LinkedHashMap<>();
    cascade.put("threshold", threshold);
    cascade.put("tolerance_macro_f1", CascadeTuning.TOLERANCE_DEFAULT);
    cascade.put("chosen_on", c.provenance(dataset));
    cascade.put("added_to", model.version());
    Map<String, Object> fields = new LinkedHashMap<>(model.provenance().fields());
    fields.put("model_version", model.version() + "+cascade-" + runId);
    fields.put(CascadeTuning.PROVENANCE_FIELD, cascade);
    EmotionModel cascaded = Cascades.withCascade(model, threshold, new Provenance(fields));
    LOG.info("evaluate: cascade chosen on {}: {}", dataset, c);
    context.put("cascade", "added, chosen on these songs: " + c + "; new model " + cascaded.version() + " in "
        + config.out() + "/" + EvaluateConfig.MODEL_DIR);
    return Optional.of(cascaded);
  }
}
