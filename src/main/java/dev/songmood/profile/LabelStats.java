package dev.songmood.profile;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.median;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.when;

import dev.songmood.Quadrant;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The labels: class balance over Q1..Q4 (from valence/arousal around their medians, as {@code prepare} derives them
 * by default: the exact interpolated median, approximate only for inputs of {@link ProfileConfig#EXACT_ROWS_DEFAULT}
 * rows or more; else from a quadrant column such as the predictions' {@code quadrant_name}), and a random
 * sample of at most {@value ProfileConfig#SCATTER_POINTS_DEFAULT} songs for the valence/arousal scatter. Their
 * histograms and correlations come with the other numeric columns.
 */
final class LabelStats {
  static final List<String> QUADRANT_COLUMNS = List.of("quadrant_name", "quadrant", "mood");

  private LabelStats() {
  }

  static void profile(Dataset<Row> df, String valence, String arousal, Profile p) {
    long[] balance = new long[Quadrant.COUNT];
    if (valence != null && arousal != null) {
      Column v = col(ColumnStats.quote(valence)).cast("double");
      Column a = col(ColumnStats.quote(arousal)).cast("double");
      Dataset<Row> both = df.select(v.as("v"), a.as("a")).where(col("v").isNotNull().and(col("a").isNotNull()));
      // prepare's exact, interpolated median where cheap, so that the balance is the one training sees
      boolean exact = p.exact();
      Row centre = exact ? both.agg(median(col("v")), median(col("a"))).first()
          : both.agg(percentile_approx(col("v"), lit(0.5), lit(10_000)),
              percentile_approx(col("a"), lit(0.5), lit(10_000))).first();
      if (centre.isNullAt(0)) {
        quadrantColumn(df, balance);
      } else {
        double vc = centre.getDouble(0);
        double ac = centre.getDouble(1);
        p.stats.add(new Profile.Stat("labels", "valence centre (median)", vc, !exact));
        p.stats.add(new Profile.Stat("labels", "arousal centre (median)", ac, !exact));
        Column q = when(col("a").geq(ac), when(col("v").geq(vc), lit(0)).otherwise(lit(1)))
            .otherwise(when(col("v").geq(vc), lit(3)).otherwise(lit(2)));
        Dataset<Row> labelled = both.withColumn("q", q);
        for (Row r : labelled.groupBy("q").count().collectAsList()) {
          balance[r.getInt(0)] = r.getLong(1);
        }
        long n = java.util.Arrays.stream(balance).sum();
        double fraction = Math.min(1.0, (double) ProfileConfig.SCATTER_POINTS_DEFAULT / Math.max(1, n));
        List<Row> sample = labelled.sample(fraction, 7).limit(ProfileConfig.SCATTER_POINTS_DEFAULT).collectAsList();
        p.scatter = new Profile.Scatter(sample.stream().mapToDouble(r -> r.getDouble(0)).toArray(),
            sample.stream().mapToDouble(r -> r.getDouble(1)).toArray(),
            sample.stream().mapToInt(r -> r.getInt(2)).toArray(), vc, ac, n);
      }
    } else {
      quadrantColumn(df, balance);
    }
    long total = java.util.Arrays.stream(balance).sum();
    for (Quadrant q : Quadrant.values()) {
      if (total > 0) {
        p.frequent.add(new Profile.Frequent("quadrant", "labels", q.id() + 1, q.name() + " " + q.mood(),
            balance[q.id()], (double) balance[q.id()] / total));
      }
    }
  }

  /** Counts per quadrant of the first quadrant-like column (ids, names or mood words); nothing when none. */
  private static void quadrantColumn(Dataset<Row> df, long[] balance) {
    List<String> columns = List.of(df.columns());
    String found = QUADRANT_COLUMNS.stream().filter(columns::contains).findFirst().orElse(null);
    if (found == null) {
      return;
    }
    for (Row r : df.groupBy(col(ColumnStats.quote(found)).cast("string")).count().collectAsList()) {
      Quadrant q = Quadrant.parse(r.getString(0));
      if (q != null) {
        balance[q.id()] += r.getLong(1);
      }
    }
  }
}
