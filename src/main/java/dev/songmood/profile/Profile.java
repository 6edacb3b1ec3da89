package dev.songmood.profile;

import java.util.ArrayList;
import java.util.List;

/**
 * The statistics of one data set, as small driver-side lists (aggregates, never rows): what the tables and the page
 * are written from. {@code approximate} marks a value computed by a sketch (HyperLogLog++ distinct counts,
 * percentile_approx quantiles), used only where an exact value is not cheap ({@link ProfileConfig#EXACT_ROWS_DEFAULT}).
 */
public final class Profile {
  /** One number of a section ("overview", "lyrics", "labels"). */
  public record Stat(String section, String name, double value, boolean approximate) {
  }

  public record Column(String name, String type, long nonNull, long missing, long distinct,
      boolean distinctApproximate, Double min, Double max, Double mean, Double stddev) {
  }

  /** Whether exact medians and distinct counts are cheap for this input (fewer rows than the limit). */
  public boolean exact() {
    return stat("overview", "rows") < ProfileConfig.EXACT_ROWS_DEFAULT;
  }

  /** A histogram bin of a column (derived columns are named like "lyrics characters"). */
  public record Bin(String column, int bin, double lower, double upper, long count) {
  }

  /** A ranked count: kind "value" (per column), "word_raw", "word_clean", "language" or "quadrant". */
  public record Frequent(String kind, String column, int rank, String value, long count, double share) {
  }

  public record Correlation(String a, String b, double pearson) {
  }

  public record Alert(String column, String alert, String detail) {
  }

  /** A bounded random sample of songs for the valence/arousal scatter, and the centre lines. */
  public record Scatter(double[] valence, double[] arousal, int[] quadrant, double valenceCentre,
      double arousalCentre, long songs) {
  }

  public final String input;
  public final List<Stat> stats = new ArrayList<>();
  public final List<Column> columns = new ArrayList<>();
  public final List<Bin> bins = new ArrayList<>();
  public final List<Frequent> frequent = new ArrayList<>();
  public final List<Correlation> correlations = new ArrayList<>();
  public final List<Alert> alerts = new ArrayList<>();
  public Scatter scatter;

  public Profile(String input) {
    this.input = input;
  }

  public double stat(String section, String name) {
    return stats.stream().filter(s -> s.section().equals(section) && s.name().equals(name)).findFirst()
        .map(Stat::value).orElse(Double.NaN);
  }

  public List<Bin> bins(String column) {
    return bins.stream().filter(b -> b.column().equals(column)).toList();
  }

  public List<Frequent> frequent(String kind, String column) {
    return frequent.stream().filter(f -> f.kind().equals(kind) && f.column().equals(column)).toList();
  }
}
