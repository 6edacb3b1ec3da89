package dev.songmood.songs;

import static org.apache.spark.sql.functions.col;

import dev.songmood.input.Columns;
import dev.songmood.input.Fields;
import dev.songmood.input.InputSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a labelled data set into the canonical song columns with record-level rejections marked
 * ({@link RecordScreen}) and the ground truth, valence/arousal numbers or a ready quadrant, as the
 * {@link GroundTruthSpec} says. A catalog to label, without ground truth, is read by {@link CatalogSongs}.
 */
public final class LabelledSongs {
  private LabelledSongs() {
  }

  /** A labelled data set; fails before any work when it has neither valence/arousal nor the quadrant column. */
  public static Dataset<Row> labelled(SparkSession spark, InputSpec input, GroundTruthSpec spec) {
    Dataset<Row> raw = CatalogSongs.raw(spark, input);
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

  /** Rows of one split (by the split column's value), or all rows when {@code split} is null. */
  public static Dataset<Row> split(Dataset<Row> songs, String split) {
    return split == null ? songs : songs.where(col(Fields.SPLIT).equalTo(split));
  }
}
