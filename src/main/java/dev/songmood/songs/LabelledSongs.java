package dev.songmood.songs;

import static org.apache.spark.sql.functions.col;

import dev.songmood.config.Columns;
import dev.songmood.config.Fields;
import dev.songmood.config.InputSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a catalog into the canonical song columns with record-level rejections marked ({@link RecordScreen});
 * for a labelled data set also the valence/arousal numbers or the ready quadrant, as the {@link LabelSpec} says.
 */
public final class LabelledSongs {
  private LabelledSongs() {
  }

  /** A catalog to label: no labels needed. */
  public static Dataset<Row> catalog(SparkSession spark, InputSpec input) {
    return RecordScreen.apply(raw(spark, input), input.columns(), false);
  }

  /** A labelled data set; fails before any work when it has neither valence/arousal nor the quadrant column. */
  public static Dataset<Row> labelled(SparkSession spark, InputSpec input, LabelSpec spec) {
    Dataset<Row> raw = raw(spark, input);
    StructType schema = raw.schema();
    if (spec.usesCoordinates()) {
      if (input.columns().valence(schema).isEmpty() || input.columns().arousal(schema).isEmpty()) {
        throw new IllegalArgumentException("the input has no valence/arousal columns (found "
            + Columns.userColumns(schema) + "); name them with --valence-col/--arousal-col or give "
            + "a ready label with --quadrant-col");
      }
      return RecordScreen.apply(raw, input.columns(), true);
    }
    return spec.fromColumn(RecordScreen.apply(raw, input.columns(), false));
  }

  private static Dataset<Row> raw(SparkSession spark, InputSpec input) {
    Dataset<Row> raw = new CatalogReader(spark).read(input.paths(), input.format(), input.read());
    return input.limit() > 0 ? raw.orderBy(col(CatalogReader.ROW_COLUMN)).limit(input.limit()) : raw;
  }

  /** Rows of one split (by the split column's value), or all rows when {@code split} is null. */
  public static Dataset<Row> split(Dataset<Row> songs, String split) {
    return split == null ? songs : songs.where(col(Fields.SPLIT).equalTo(split));
  }
}
