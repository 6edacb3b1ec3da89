package dev.songmood.label;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.songmood.input.Fields;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Decides which songs of tonight's catalog need labelling: a song is unchanged, and keeps its row in the
 * predictions table, when the table already has its id with the same lyrics (by hash), the same artist and genre
 * (the model's catalog priors read them) and the current model version. Everything else is labelled: new songs,
 * changed lyrics or metadata, and songs labelled by another model version.
 */
public final class CatalogChanges {
  /** Boolean column: true for a song that keeps its published row. */
  public static final String UNCHANGED = "_unchanged";

  private CatalogChanges() {
  }

  /**
   * Adds {@link #UNCHANGED} to record-screened songs. With {@code full}, or without a published table, nothing is
   * unchanged. Rows rejected by the record screen are never unchanged (they go to quarantine).
   */
  public static Dataset<Row> mark(Dataset<Row> songs, Optional<Dataset<Row>> published, String modelVersion,
      boolean full) {
    if (full || published.isEmpty()) {
      return songs.withColumn(UNCHANGED, lit(false));
    }
    Dataset<Row> known = published.get()
        .where(col("model_version").equalTo(modelVersion))
        .select(col(Fields.ID).as("_p_id"), col(Predictions.LYRICS_HASH).as("_p_hash"),
            col(Fields.ARTIST).as("_p_artist"), col(Fields.GENRE).as("_p_genre"));
    Column same = col(Fields.REJECT_REASON).isNull()
        .and(Predictions.lyricsHash().equalTo(col("_p_hash")))
        .and(col(Fields.ARTIST).eqNullSafe(col("_p_artist")))
        .and(col(Fields.GENRE).eqNullSafe(col("_p_genre")));
    return songs.join(known, col(Fields.ID).equalTo(col("_p_id")), "left")
        .withColumn(UNCHANGED, coalesce(same, lit(false)))
        .drop("_p_id", "_p_hash", "_p_artist", "_p_genre");
  }
}
