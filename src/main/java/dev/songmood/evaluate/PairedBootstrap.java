package dev.songmood.evaluate;

import dev.songmood.metrics.ClassificationReport;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Paired bootstrap of macro-F1 on one held-out set: the songs are resampled with replacement, the same resample for
 * every model, giving each model's 95% interval, the interval of its difference to a reference model (the TF-IDF
 * baseline), and the share of resamples in which it did not beat the reference. Lyrics labels are noisy and a
 * thousand test songs rank close models poorly: the intervals say which differences are more than chance.
 */
public final class PairedBootstrap {
  /** A two-sided 95% percentile interval. */
  public record Interval(double low, double high) {
    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "[%.3f, %.3f]", low, high);
    }
  }

  /** One model's macro-F1 with its interval, and its difference to the reference with that interval. */
  public record Result(double macroF1, Interval interval, double difference, Interval differenceInterval,
      double notBetter) {
    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "macro-F1 %.4f %s; vs reference %+.4f %s, not better in %.1f%% "
          + "of resamples", macroF1, interval, difference, differenceInterval, 100 * notBetter);
    }
  }

  private PairedBootstrap() {
  }

  /**
   * {@code predictions}: per model, the predicted class of each song, aligned with {@code labels}. {@code reference}
   * must be one of the models.
   */
  public static Map<String, Result> compare(int[] labels, Map<String, int[]> predictions, String reference,
      int classes, int resamples, long seed) {
    if (!predictions.containsKey(reference)) {
      throw new IllegalArgumentException("reference model '" + reference + "' has no predictions");
    }
    predictions.forEach((name, p) -> {
      if (p.length != labels.length) {
        throw new IllegalArgumentException(name + ": " + p.length + " predictions for " + labels.length + " songs");
      }
    });
    int n = labels.length;
    Map<String, double[]> scores = new LinkedHashMap<>();
    predictions.keySet().forEach(name -> scores.put(name, new double[resamples]));
    SplittableRandom random = new SplittableRandom(seed);
    int[] sample = new int[n];
    for (int b = 0; b < resamples; b++) {
      for (int i = 0; i < n; i++) {
        sample[i] = random.nextInt(n);
      }
      for (var e : predictions.entrySet()) {
        scores.get(e.getKey())[b] = macroF1(labels, e.getValue(), sample, classes);
      }
    }
    int[] all = java.util.stream.IntStream.range(0, n).toArray();
    double referenceF1 = macroF1(labels, predictions.get(reference), all, classes);
    double[] referenceScores = scores.get(reference);
    Map<String, Result> out = new LinkedHashMap<>();
    for (var e : predictions.entrySet()) {
      double[] s = scores.get(e.getKey());
      double[] diff = new double[resamples];
      int notBetter = 0;
      for (int b = 0; b < resamples; b++) {
        diff[b] = s[b] - referenceScores[b];
        notBetter += diff[b] <= 0 ? 1 : 0;
      }
      double f1 = macroF1(labels, e.getValue(), all, classes);
      out.put(e.getKey(), new Result(f1, interval(s), f1 - referenceF1, interval(diff),
          (double) notBetter / resamples));
    }
    return out;
  }

  /** Macro-F1 of the songs at the given indices (repeats count), as {@link ClassificationReport} computes it. */
  static double macroF1(int[] labels, int[] predicted, int[] indices, int classes) {
    long[][] counts = new long[classes][classes];
    for (int i : indices) {
      counts[labels[i]][predicted[i]]++;
    }
    return ClassificationReport.of(counts).macroF1();
  }

  private static Interval interval(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return new Interval(percentile(sorted, 0.025), percentile(sorted, 0.975));
  }

  private static double percentile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
