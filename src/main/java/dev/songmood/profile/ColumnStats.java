package dev.songmood.profile;

import static org.apache.spark.sql.functions.approx_count_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.mean;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.stddev;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;

/**
 * The overview (rows, columns, missing cells, duplicate rows and ids: exact, one shuffle each) and every column's
 * type, missing and distinct counts, summary and histogram when numeric (text that all parses as a number counts
 * as numeric, as CSV is read as text), most frequent values otherwise. Distinct counts are exact (one more pass)
 * for inputs under {@link ProfileConfig#EXACT_ROWS_DEFAULT} rows and, in larger ones, for the columns whose
 * HyperLogLog++ estimate is at most {@link ProfileConfig#EXACT_DISTINCT_DEFAULT}; the others stay estimates, marked
 * as such.
 */
final class ColumnStats {
  private ColumnStats() {
  }

  /** Returns the numeric columns (names), for correlations. */
  static List<String> profile(Dataset<Row> df, String idColumn, String lyricsColumn, Profile p) {
    List<StructField> fields = List.of(df.schema().fields());
    List<Column> aggs = new ArrayList<>(List.of(count(lit(1))));
    for (StructField f : fields) {
      Column c = col(quote(f.name()));
      aggs.add(count(c));
      aggs.add(approx_count_distinct(c, ProfileConfig.DISTINCT_RSD_DEFAULT));
      aggs.add(sum(when(c.isNotNull().and(c.cast("double").isNull()), 1).otherwise(0)));
    }
    Row first = df.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
    long rows = first.getLong(0);
    Map<String, Long> exact = exactDistinct(df, fields, first, rows);
    List<String> numeric = new ArrayList<>();
    List<Column> summary = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      StructField f = fields.get(i);
      boolean parses = first.getLong(1 + 3 * i) > 0 && first.getLong(3 + 3 * i) == 0;
      if (!f.name().equals(idColumn) && !(f.dataType() instanceof BooleanType)
          && (f.dataType() instanceof NumericType || f.dataType() instanceof StringType && parses)) {
        numeric.add(f.name());
        Column c = col(quote(f.name())).cast("double");
        summary.addAll(List.of(min(c), max(c), mean(c), stddev(c)));
      }
    }
    Row s = summary.isEmpty() ? null
        : df.agg(summary.get(0), summary.subList(1, summary.size()).toArray(new Column[0])).first();
    long missingCells = 0;
    List<Histograms.Spec> specs = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      StructField f = fields.get(i);
      long nonNull = first.getLong(1 + 3 * i);
      missingCells += rows - nonNull;
      int k = numeric.indexOf(f.name());
      String type = k >= 0 ? "numeric" : f.dataType() instanceof BooleanType ? "boolean"
          : f.name().equals(lyricsColumn) ? "text (lyrics)" : f.dataType() instanceof StringType ? "categorical"
          : f.dataType().simpleString();
      Double[] v = new Double[4];
      for (int j = 0; k >= 0 && j < 4; j++) {
        v[j] = s.isNullAt(4 * k + j) ? null : s.getDouble(4 * k + j);
      }
      Long distinct = exact.get(f.name());
      p.columns.add(new Profile.Column(f.name(), type, nonNull, rows - nonNull,
          distinct != null ? distinct : first.getLong(2 + 3 * i), distinct == null, v[0], v[1], v[2], v[3]));
      if (k >= 0 && v[0] != null) {
        specs.add(new Histograms.Spec(f.name(), col(quote(f.name())), v[0], v[1]));
      }
    }
    p.bins.addAll(Histograms.of(df, specs, ProfileConfig.BINS_DEFAULT));
    topValues(df, p, numeric, lyricsColumn, rows);

    long duplicateRows = rows - df.dropDuplicates().count();
    p.stats.add(new Profile.Stat("overview", "rows", rows, false));
    p.stats.add(new Profile.Stat("overview", "columns", fields.size(), false));
    p.stats.add(new Profile.Stat("overview", "missing cells", missingCells, false));
    p.stats.add(new Profile.Stat("overview", "missing cells share",
        rows == 0 ? 0 : (double) missingCells / (rows * (double) fields.size()), false));
    p.stats.add(new Profile.Stat("overview", "duplicate rows", duplicateRows, false));
    if (idColumn != null) {
      long ids = df.agg(countDistinct(col(quote(idColumn)))).first().getLong(0);
      long withId = df.where(col(quote(idColumn)).isNotNull()).count();
      p.stats.add(new Profile.Stat("overview", "duplicate ids", withId - ids, false));
    }
    return numeric;
  }

  /** Exact distinct counts, in one pass, of the columns where they are cheap (see the class comment). */
  private static Map<String, Long> exactDistinct(Dataset<Row> df, List<StructField> fields, Row first, long rows) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      if (rows < ProfileConfig.EXACT_ROWS_DEFAULT || first.getLong(2 + 3 * i) <= ProfileConfig.EXACT_DISTINCT_DEFAULT) {
        names.add(fields.get(i).name());
      }
    }
    Map<String, Long> out = new HashMap<>();
    if (names.isEmpty()) {
      return out;
    }
    Column[] counts = names.stream().map(n -> countDistinct(col(quote(n)))).toArray(Column[]::new);
    Row r = df.agg(counts[0], java.util.Arrays.copyOfRange(counts, 1, counts.length)).first();
    for (int i = 0; i < names.size(); i++) {
      out.put(names.get(i), r.getLong(i));
    }
    return out;
  }

  /** The most frequent values of every categorical column that is not (nearly) unique, in one group-by. */
  private static void topValues(Dataset<Row> df, Profile p, List<String> numeric, String lyricsColumn, long rows) {
    List<Column> pairs = new ArrayList<>();
    for (Profile.Column c : p.columns) {
      if (!numeric.contains(c.name()) && !c.name().equals(lyricsColumn) && c.distinct() < 0.95 * c.nonNull()) {
        pairs.add(org.apache.spark.sql.functions.struct(lit(c.name()).as("c"),
            col(quote(c.name())).cast("string").as("v")));
      }
    }
    if (pairs.isEmpty()) {
      return;
    }
    Dataset<Row> counted = df.select(org.apache.spark.sql.functions.explode(
            org.apache.spark.sql.functions.array(pairs.toArray(new Column[0]))).as("p"))
        .where(col("p.v").isNotNull()).groupBy(col("p.c").as("c"), col("p.v").as("v")).count();
    Dataset<Row> top = counted.withColumn("rank", org.apache.spark.sql.functions.row_number()
            .over(Window.partitionBy("c").orderBy(col("count").desc(), col("v"))))
        .where(col("rank").leq(ProfileConfig.TOP_VALUES_DEFAULT));
    for (Row r : top.orderBy("c", "rank").collectAsList()) {
      long n = r.getLong(2);
      p.frequent.add(new Profile.Frequent("value", r.getString(0), r.getInt(3), r.getString(1), n,
          rows == 0 ? 0 : (double) n / rows));
    }
  }

  static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
