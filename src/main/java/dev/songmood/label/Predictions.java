package dev.songmood.label;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.when;

import dev.songmood.Quadrant;
import dev.songmood.input.Fields;
import dev.songmood.stages.EncoderCascade;
import dev.songmood.tables.PredictionsTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The predictions table: one row per labelled song.
 *
 * <p>Schema: id, artist, title, genre, quadrant (0..3), quadrant_name (Q1..Q4), mood (happy, angry, sad, relaxed),
 * prob_q1..prob_q4, confidence (the highest probability; calibrated when the model has a calibration stage),
 * uncertain (confidence below the run's threshold: {@code --min-confidence} or {@code --coverage}; false without
 * one), valence and arousal (from a model with a regression head,
 * on its training labels' scale: MuSe's 1..9 Warriner scale for the shipped models; null otherwise), language
 * (ISO 639-1, null when undetermined) and language_supported (whether the model was trained on it), cascade_path (which
 * path of the model labelled the song: {@code cheap} when its encoder cascade let it skip the encoder, else
 * {@code full}; valence and arousal are null on cheap rows when they come from the encoder), model_version,
 * run_id (the run that labelled the song),
 * lyrics_sha256 (of the lyrics as read, for detecting changed lyrics), labelled_at.
 */
public final class Predictions {
  public static final String LYRICS_HASH = "lyrics_sha256";
  /** The classifier's valence/arousal outputs (a fine-tuned model's regression head, or encoder-coordinates). */

  private Predictions() {
  }

  /** SHA-256 of the lyrics as read (before cleaning): a song whose hash is unchanged need not be labelled again. */
  public static Column lyricsHash() {
    return sha2(col(Fields.LYRICS), 256);
  }

  public static Dataset<Row> of(Dataset<Row> classified, String modelVersion, String runId) {
    return of(classified, modelVersion, runId, null);
  }

  /** The rows of the table; {@code minConfidence}: the run's threshold, or null for none (no song uncertain). */
  public static Dataset<Row> of(Dataset<Row> classified, String modelVersion, String runId, Double minConfidence) {
    Column probs = functions.vector_to_array(col(Fields.PROBABILITY), "float64");
    Column quadrant = col(Fields.PREDICTION).cast(DataTypes.IntegerType);
    Column name = lit(null).cast(DataTypes.StringType);
    Column mood = lit(null).cast(DataTypes.StringType);
    for (Quadrant q : Quadrant.values()) {
      name = when(quadrant.equalTo(q.id()), lit(q.name())).otherwise(name);
      mood = when(quadrant.equalTo(q.id()), lit(q.mood())).otherwise(mood);
    }
    List<Column> out = new ArrayList<>(List.of(col(Fields.ID), col(Fields.ARTIST), col(Fields.TITLE), col(Fields.GENRE),
        quadrant.as("quadrant"), name.as("quadrant_name"), mood.as("mood")));
    for (Quadrant q : Quadrant.values()) {
      out.add(element_at(probs, q.id() + 1).as("prob_" + q.name().toLowerCase()));
    }
    Column confidence = org.apache.spark.sql.functions.array_max(probs);
    out.add(confidence.as(PredictionsTable.CONFIDENCE));
    out.add(PredictionsTable.uncertain(confidence, minConfidence).as(PredictionsTable.UNCERTAIN));
    List<String> columns = java.util.Arrays.asList(classified.columns());
    for (String[] c : Fields.PREDICTED_COORDINATES) {
      out.add((columns.contains(c[0]) ? col(c[0]) : lit(null)).cast(DataTypes.DoubleType).as(c[1]));
    }
    out.add(col(Fields.LANGUAGE));
    out.add(col(Fields.LANGUAGE_SUPPORTED));
    Column path = columns.contains(Fields.CASCADE_PATH) ? col(Fields.CASCADE_PATH) : lit(EncoderCascade.FULL);
    out.add(path.as(Fields.CASCADE_PATH));
    out.add(lit(modelVersion).as("model_version"));
    out.add(lit(runId).as("run_id"));
    out.add(lyricsHash().as(LYRICS_HASH));
    out.add(current_timestamp().as("labelled_at"));
    return classified.select(out.toArray(new Column[0]));
  }
}
