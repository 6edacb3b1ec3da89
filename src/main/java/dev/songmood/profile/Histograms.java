package dev.songmood.profile;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Equal-width histograms of several numeric expressions in one pass: each row becomes one (column, bin) pair per
 * expression, and one group-by counts them all. Empty bins are kept (count 0) so every histogram has all its bins.
 */
final class Histograms {
  /** A numeric expression to bin over [min, max]. */
  record Spec(String name, Column value, double min, double max) {
  }

  private Histograms() {
  }

  static List<Profile.Bin> of(Dataset<Row> df, List<Spec> specs, int bins) {
    List<Spec> usable = specs.stream().filter(s -> Double.isFinite(s.min()) && Double.isFinite(s.max())).toList();
    if (usable.isEmpty()) {
      return List.of();
    }
    List<Column> pairs = new ArrayList<>();
    for (Spec s : usable) {
      double width = s.max() > s.min() ? (s.max() - s.min()) / bins : 1;
      Column bin = least(lit(bins - 1), floor(s.value().cast("double").minus(s.min()).divide(width)).cast("int"));
      pairs.add(struct(lit(s.name()).as("c"), bin.as("b")));
    }
    long[][] counts = new long[usable.size()][bins];
    List<String> names = usable.stream().map(Spec::name).toList();
    Dataset<Row> exploded = df.select(explode(array(pairs.toArray(new Column[0]))).as("p"))
        .where(col("p.b").isNotNull());
    for (Row r : exploded.groupBy(col("p.c"), col("p.b")).count().collectAsList()) {
      counts[names.indexOf(r.getString(0))][r.getInt(1)] = r.getLong(2);
    }
    List<Profile.Bin> out = new ArrayList<>();
    for (int i = 0; i < usable.size(); i++) {
      Spec s = usable.get(i);
      double width = s.max() > s.min() ? (s.max() - s.min()) / bins : 1;
      for (int b = 0; b < bins; b++) {
        out.add(new Profile.Bin(s.name(), b, s.min() + b * width, s.min() + (b + 1) * width, counts[i][b]));
      }
    }
    return out;
  }
}
