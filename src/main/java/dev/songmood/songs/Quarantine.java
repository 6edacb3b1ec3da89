package dev.songmood.songs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_json;

import dev.songmood.input.Fields;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The quarantine table: one row per rejected input record, with the reason, a detail, and the whole input record
 * as JSON, so nothing rejected is lost and a fixed record can be fed back.
 *
 * <p>Schema: run_id, source_row, id, artist, title, reason, detail, record (JSON), quarantined_at.
 */
public final class Quarantine {
  private Quarantine() {
  }

  /** The rejected rows (reason not null) of a screened frame in the quarantine schema. */
  public static Dataset<Row> of(Dataset<Row> screened, String runId) {
    return screened.where(col(Fields.REJECT_REASON).isNotNull()).select(
        lit(runId).as("run_id"),
        col(CatalogReader.ROW_COLUMN).as("source_row"),
        col(Fields.ID),
        col(Fields.ARTIST),
        col(Fields.TITLE),
        col(Fields.REJECT_REASON).as("reason"),
        col(Fields.REJECT_DETAIL).as("detail"),
        to_json(col(Fields.SOURCE)).as("record"),
        current_timestamp().as("quarantined_at"));
  }

  /** The accepted rows, without the screening columns. */
  public static Dataset<Row> accepted(Dataset<Row> screened) {
    return screened.where(col(Fields.REJECT_REASON).isNull()).drop(Fields.REJECT_REASON, Fields.REJECT_DETAIL);
  }
}
