package dev.songmood.evaluate;

import static org.apache.spark.sql.functions.col;

import dev.songmood.input.Fields;
import dev.songmood.model.Cascades;
import dev.songmood.model.EmotionModel;
import dev.songmood.stages.EncoderCascade;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The encoder cascade's threshold and what it costs in quality. Labelled songs are scored once by the full model
 * (every member) and once by the cheap path; the cascade's answer to a song is the cheap one when the cheap
 * confidence reaches the threshold, else the full one, exactly as {@link EncoderCascade} routes it. The threshold
 * chosen ({@link #choose}) is the lowest at which the cascade's macro-F1 stays within {@code tolerance} of the full
 * model's, there and at every higher threshold the songs allow (so a lucky dip does not choose it).
 */
public final class CascadeTuning {
  /** How much macro-F1 the cascade may give up against the full model, on validation. */
  public static final double TOLERANCE_DEFAULT = 0.005;
  /** Fewest labelled songs to choose a threshold on. */
  public static final int MIN_SONGS = 100;
  /** The paired bootstrap's resamples and seed (as train's held-out comparison draws them). */
  static final int RESAMPLES = 1000;
  public static final long BOOTSTRAP_SEED = 42;
  /** Where a model's provenance records its cascade. */
  public static final String PROVENANCE_FIELD = Cascades.PROVENANCE_FIELD;
  static final int CLASSES = 4;

  /** Per song, aligned: its label, the cheap path's confidence and prediction, the full model's prediction. */
  public record Scores(int[] labels, double[] confidence, int[] cheap, int[] full) {
    /** The cascade's predictions at {@code threshold}. */
    public int[] cascade(double threshold) {
      return IntStream.range(0, labels.length).map(i -> confidence[i] >= threshold ? cheap[i] : full[i]).toArray();
    }

    /** The share of songs whose cheap confidence reaches {@code threshold}: they skip the encoder. */
    public double skipped(double threshold) {
      return labels.length == 0 ? 0 : (double) Arrays.stream(confidence).filter(c -> c >= threshold).count()
          / labels.length;
    }

    double macroF1(int[] predicted) {
      return PairedBootstrap.macroF1(labels, predicted, IntStream.range(0, labels.length).toArray(), CLASSES);
    }
  }

  /** The cascade against the full model on some songs: macro-F1 both ways, share skipped, paired interval. */
  public record Comparison(int songs, double threshold, double skipped, double fullMacroF1, double cascadeMacroF1,
      PairedBootstrap.Result paired) {
    public Map<String, Object> provenance(String on) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("songs", songs);
      m.put("on", on);
      m.put("share_skipping_encoder", skipped);
      m.put("macro_f1_full", fullMacroF1);
      m.put("macro_f1_cascade", cascadeMacroF1);
      m.put("difference_interval_95", List.of(paired.differenceInterval().low(), paired.differenceInterval().high()));
      return m;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "threshold %.4f: %.1f%% of %d songs skip the encoder; macro-F1 %.4f with "
          + "the cascade, %.4f without (difference %+.4f, paired 95%% interval %s)", threshold, 100 * skipped, songs,
          cascadeMacroF1, fullMacroF1, paired.difference(), paired.differenceInterval());
    }
  }

  private CascadeTuning() {
  }

  /**
   * Scores {@code accepted} (screened rows with a label) both ways: {@code model} without its cascade, and its
   * cheap path. Only a label, a confidence and two predictions per song come to the driver.
   */
  public static Scores score(EmotionModel model, Dataset<Row> accepted) {
    PipelineModel cheapPath = Cascades.cheapPath(model).orElseThrow(() -> noCheapPath(model));
    Dataset<Row> labelled = accepted.where(col(Fields.LABEL).isNotNull());
    return score(model.withoutCascade().classifyAccepted(labelled), cheapPath.transform(labelled));
  }

  /** The same, with the full model's answers to {@code accepted} already computed ({@code classifiedFull}). */
  public static Scores score(EmotionModel model, Dataset<Row> accepted, Dataset<Row> classifiedFull) {
    PipelineModel cheapPath = Cascades.cheapPath(model).orElseThrow(() -> noCheapPath(model));
    return score(classifiedFull, cheapPath.transform(accepted.where(col(Fields.LABEL).isNotNull())));
  }

  private static IllegalArgumentException noCheapPath(EmotionModel model) {
    return new IllegalArgumentException("model " + model.version() + " has no encoder cascade to offer: it needs an "
        + "encoder and an ensemble member without one (TF-IDF) that can answer alone");
  }

  /** The same from songs already scored by the full model and by the cheap path (id, label, probability...). */
  public static Scores score(Dataset<Row> scoredFull, Dataset<Row> scoredCheap) {
    Dataset<Row> full = scoredFull.where(col(Fields.LABEL).isNotNull())
        .select(col(Fields.ID), col(Fields.LABEL), col(Fields.PREDICTION).as("full_prediction"));
    Dataset<Row> cheap = scoredCheap.select(col(Fields.ID).as("cheap_id"),
        EncoderCascade.confidence(col(Fields.PROBABILITY)).as("confidence"),
        col(Fields.PREDICTION).as("cheap_prediction"));
    List<Row> rows = full.join(cheap, full.col(Fields.ID).equalTo(cheap.col("cheap_id")))
        .select(Fields.LABEL, "confidence", "cheap_prediction", "full_prediction").collectAsList();
    int n = rows.size();
    int[] y = new int[n];
    double[] confidence = new double[n];
    int[] cheapPrediction = new int[n];
    int[] fullPrediction = new int[n];
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      y[i] = (int) Math.round(((Number) r.get(0)).doubleValue());
      confidence[i] = r.getDouble(1);
      cheapPrediction[i] = (int) Math.round(r.getDouble(2));
      fullPrediction[i] = (int) Math.round(r.getDouble(3));
    }
    return new Scores(y, confidence, cheapPrediction, fullPrediction);
  }

  /** The lowest threshold whose macro-F1, and every higher one's, stays within {@code tolerance} of the full's. */
  public static double choose(Scores s, double tolerance) {
    double floor = s.macroF1(s.full()) - tolerance;
    double[] candidates = Arrays.stream(s.confidence()).distinct().sorted().toArray();
    double chosen = 1.0;  // above every confidence but 1.0 itself: (almost) no song skips
    for (int i = candidates.length - 1; i >= 0; i--) {
      if (s.macroF1(s.cascade(candidates[i])) < floor) {
        break;
      }
      chosen = candidates[i];
    }
    return chosen;
  }

  /** The cascade at {@code threshold} against the full model on the scored songs. */
  public static Comparison compare(Scores s, double threshold, long seed) {
    Map<String, int[]> predictions = new LinkedHashMap<>();
    predictions.put(EncoderCascade.FULL, s.full());
    predictions.put("cascade", s.cascade(threshold));
    PairedBootstrap.Result paired = PairedBootstrap.compare(s.labels(), predictions, EncoderCascade.FULL, CLASSES,
        RESAMPLES, seed).get("cascade");
    return new Comparison(s.labels().length, threshold, s.skipped(threshold), s.macroF1(s.full()),
        paired.macroF1(), paired);
  }
}
