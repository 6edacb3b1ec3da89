package dev.songmood.evaluate;

import dev.songmood.metrics.ClassificationReport;
import java.util.Locale;
import java.util.Optional;

/**
 * The line a report prints when it was measured on too few songs to mean anything: fewer than
 * {@link EvaluateConfig#MIN_SONGS_PER_CLASS_DEFAULT} in some quadrant. It gives the accuracy's 95% Wilson interval,
 * so that "1.0000" on 8 songs reads as what it is.
 */
public final class SampleSizeCaveat {
  private SampleSizeCaveat() {
  }

  public static Optional<String> of(ClassificationReport r) {
    return of(r, EvaluateConfig.MIN_SONGS_PER_CLASS_DEFAULT);
  }

  public static Optional<String> of(ClassificationReport r, int minPerClass) {
    long fewest = Long.MAX_VALUE;
    for (long s : r.supports()) {
      fewest = Math.min(fewest, s);
    }
    if (fewest >= minPerClass) {
      return Optional.empty();
    }
    double[] ci = wilson(Math.round(r.accuracy() * r.total()), r.total());
    return Optional.of(String.format(Locale.ROOT, "Too few songs to mean anything: %d evaluated, %d in the smallest "
        + "quadrant (fewer than %d per quadrant). The accuracy's 95%% interval is %.2f-%.2f; treat these scores as "
        + "a smoke test, not as the model's quality.", r.total(), fewest, minPerClass, ci[0], ci[1]));
  }

  /** Wilson score interval (z = 1.96) of a proportion k / n; {0, 1} when n = 0. */
  static double[] wilson(long k, long n) {
    if (n == 0) {
      return new double[] {0, 1};
    }
    double z = 1.96;
    double p = (double) k / n;
    double denom = 1 + z * z / n;
    double centre = (p + z * z / (2.0 * n)) / denom;
    double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denom;
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }
}
