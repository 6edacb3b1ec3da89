package dev.songmood.train;

import dev.songmood.evaluate.CascadeTuning;
import dev.songmood.model.Cascades;
import dev.songmood.model.EmotionModel;
import dev.songmood.model.Provenance;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Train's encoder cascade: its threshold chosen on the validation songs as the calibration sees them (predicted by
 * the chosen model fitted on the training split alone, {@link Calibration}) by {@link CascadeTuning#choose}, then
 * measured against the full model on the held-out songs with the shipped model (the paired bootstrap's interval).
 * The shipped model gets the cascade, its provenance the threshold and both measurements, the report their lines.
 */
final class CascadeChoice {
  private static final Logger LOG = LoggerFactory.getLogger(CascadeChoice.class);

  private CascadeChoice() {
  }

  /**
   * {@code plain} with its cascade, or {@code plain} itself when it has no cheap path or too few validation songs;
   * {@code fields} (its provenance's) and {@code context} (the report's) get what was chosen and measured.
   */
  static EmotionModel add(EmotionModel plain, Optional<CascadeTuning.Scores> validation, Dataset<Row> heldOut,
      String heldOutName, long seed, Map<String, Object> fields, Map<String, String> context) {
    if (validation.isEmpty() || Cascades.cheapPath(plain).isEmpty()) {
      return plain;
    }
    CascadeTuning.Scores scores = validation.get();
    if (scores.labels().length < CascadeTuning.MIN_SONGS) {
      LOG.warn("cascade: {} validation songs, fewer than {}: the model ships without a cascade",
          scores.labels().length, CascadeTuning.MIN_SONGS);
      context.put("cascade", "none (fewer than " + CascadeTuning.MIN_SONGS + " validation songs to choose it on)");
      return plain;
    }
    double threshold = CascadeTuning.choose(scores, CascadeTuning.TOLERANCE_DEFAULT);
    CascadeTuning.Comparison chosen = CascadeTuning.compare(scores, threshold, seed);
    CascadeTuning.Comparison held = CascadeTuning.compare(CascadeTuning.score(plain, heldOut), threshold, seed);
    LOG.info("cascade: validation {}", chosen);
    LOG.info("cascade: held-out {}", held);
    Map<String, Object> cascade = new LinkedHashMap<>();
    cascade.put("threshold", threshold);
    cascade.put("tolerance_macro_f1", CascadeTuning.TOLERANCE_DEFAULT);
    cascade.put("chosen_on", chosen.provenance("validation, predicted by the chosen model fitted on train alone"));
    cascade.put("held_out", held.provenance(heldOutName));
    fields.put(CascadeTuning.PROVENANCE_FIELD, cascade);
    context.put("cascade (validation, chosen)", chosen.toString());
    context.put("cascade (" + heldOutName + ")", held.toString());
    return Cascades.withCascade(plain, threshold, new Provenance(fields));
  }
}
