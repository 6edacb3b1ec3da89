package dev.songmood.profile;

import dev.songmood.input.InputSpec;

/** {@code profile}: what to read and where to write the page ({@value #PAGE}) and the tables ({@value #TABLES_DIR}/). */
public record ProfileConfig(InputSpec input, String out) {
  public static final String PAGE = "profile.html";
  public static final String TABLES_DIR = "tables";
  /** Bins of every histogram. */
  public static final int BINS_DEFAULT = 20;
  /** Most frequent values shown per column, and most frequent words. */
  public static final int TOP_VALUES_DEFAULT = 10;
  public static final int TOP_WORDS_DEFAULT = 20;
  /** Most points of the valence/arousal scatter (a random sample of the songs). */
  public static final int SCATTER_POINTS_DEFAULT = 5_000;
  /** approx_count_distinct's relative standard deviation (HyperLogLog++), where an exact count is not cheap. */
  public static final double DISTINCT_RSD_DEFAULT = 0.05;
  /** Inputs with fewer rows get exact distinct counts, medians and label centres everywhere (cheap at this size). */
  public static final long EXACT_ROWS_DEFAULT = 1_000_000;
  /** In larger inputs, a column whose approximate distinct count is at most this gets its exact count too. */
  public static final long EXACT_DISTINCT_DEFAULT = 1_000_000;
  /** pandas-profiling's thresholds: distinct values over which a text column has high cardinality... */
  public static final int HIGH_CARDINALITY_DEFAULT = 50;
  /** ...|Pearson r| over which two columns are highly correlated... */
  public static final double HIGH_CORRELATION_DEFAULT = 0.9;
  /** ...share of missing cells over which a column has many missing... */
  public static final double MISSING_SHARE_DEFAULT = 0.05;
  /** ...and the chi-square p-value over which a histogram is uniform. */
  public static final double UNIFORM_P_VALUE_DEFAULT = 0.999;
}
