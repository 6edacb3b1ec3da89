package dev.songmood.profile;

import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * pandas-profiling's alerts, in its words, from the computed statistics: CONSTANT, UNIQUE, HIGH CARDINALITY,
 * MISSING, HIGH CORRELATION and UNIFORM (a histogram whose chi-square test against equal bins has p above
 * {@value ProfileConfig#UNIFORM_P_VALUE_DEFAULT}). Thresholds: {@link ProfileConfig}.
 */
final class Alerts {
  private Alerts() {
  }

  static void derive(Profile p) {
    for (Profile.Column c : p.columns) {
      long rows = c.nonNull() + c.missing();
      if (c.nonNull() > 0 && c.distinct() == 1) {
        p.alerts.add(new Profile.Alert(c.name(), "CONSTANT", c.name() + " has constant value"));
      } else if (c.nonNull() > 1 && unique(c)) {
        p.alerts.add(new Profile.Alert(c.name(), "UNIQUE", c.name() + " has unique values ("
            + (c.distinctApproximate() ? "approximately: " : "") + c.distinct() + " distinct of " + c.nonNull() + ")"));
      } else if (!c.type().equals("numeric") && c.distinct() > ProfileConfig.HIGH_CARDINALITY_DEFAULT) {
        p.alerts.add(new Profile.Alert(c.name(), "HIGH CARDINALITY", c.name() + " has a high cardinality: "
            + c.distinct() + " distinct values"));
      }
      if (rows > 0 && (double) c.missing() / rows > ProfileConfig.MISSING_SHARE_DEFAULT) {
        p.alerts.add(new Profile.Alert(c.name(), "MISSING", String.format(Locale.ROOT, "%s has %,d (%.1f%%) missing "
            + "values", c.name(), c.missing(), 100.0 * c.missing() / rows)));
      }
      if (c.type().equals("numeric") && uniform(p.bins(c.name()))) {
        p.alerts.add(new Profile.Alert(c.name(), "UNIFORM", c.name() + " is uniformly distributed"));
      }
    }
    for (Profile.Correlation r : p.correlations) {
      if (Math.abs(r.pearson()) > ProfileConfig.HIGH_CORRELATION_DEFAULT) {
        p.alerts.add(new Profile.Alert(r.a(), "HIGH CORRELATION", String.format(Locale.ROOT,
            "%s is highly overall correlated with %s (r = %.2f)", r.a(), r.b(), r.pearson())));
      }
    }
  }

  /** Every value distinct: exactly, or within twice the sketch's error where the count is an estimate. */
  static boolean unique(Profile.Column c) {
    return c.distinctApproximate() ? c.distinct() >= c.nonNull() * (1 - 2 * ProfileConfig.DISTINCT_RSD_DEFAULT)
        : c.distinct() == c.nonNull();
  }

  /** Chi-square goodness of fit of the bins against equal counts; p-value over the threshold means uniform. */
  static boolean uniform(List<Profile.Bin> bins) {
    long n = bins.stream().mapToLong(Profile.Bin::count).sum();
    if (bins.size() < 2 || n < 5L * bins.size()) {
      return false;
    }
    double expected = (double) n / bins.size();
    double chi2 = bins.stream().mapToDouble(b -> (b.count() - expected) * (b.count() - expected) / expected).sum();
    double p = 1 - new ChiSquaredDistribution(bins.size() - 1).cumulativeProbability(chi2);
    return p > ProfileConfig.UNIFORM_P_VALUE_DEFAULT;
  }
}
