package dev.songmood.songs;

import static org.apache.spark.sql.functions.col;

import dev.songmood.input.InputSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads a catalog to label into the canonical song columns, with record-level rejections marked
 * ({@link RecordScreen}); no labels needed. A labelled data set is read by {@link LabelledSongs}.
 */
public final class CatalogSongs {
  private CatalogSongs() {
  }

  /** The catalog's songs, screened: rejected records carry their reason, none is dropped here. */
  public static Dataset<Row> read(SparkSession spark, InputSpec input) {
    return RecordScreen.apply(raw(spark, input), input.columns(), false);
  }

  /** The same, from the run's one listing of the input ({@link CatalogFiles#inspect}), made before Spark started. */
  public static Dataset<Row> read(SparkSession spark, InputSpec input, CatalogFiles.Plan plan) {
    return RecordScreen.apply(limited(new CatalogReader(spark).read(plan), input), input.columns(), false);
  }

  /** The input's rows as read, limited to the first {@code limit} rows in file order when a limit is set. */
  static Dataset<Row> raw(SparkSession spark, InputSpec input) {
    return limited(new CatalogReader(spark).read(input.paths(), input.format(), input.read()), input);
  }

  private static Dataset<Row> limited(Dataset<Row> raw, InputSpec input) {
    return input.limit() > 0 ? raw.orderBy(col(CatalogReader.ROW_COLUMN)).limit(input.limit()) : raw;
  }
}
