package dev.songmood.tables;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code fetch-lyrics}' misses: the catalog rows of the latest run that got no lyrics, with the reason
 * ({@code not_found}, {@code instrumental}, {@code rate_limited}, {@code http_error}, {@code bad_response},
 * {@code no_artist_or_title}) and a detail. Replaced by each run in one commit (earlier runs through time travel).
 *
 * <p>Schema: run_id, source_row, id, artist, title, reason, detail, from_cache, missed_at.
 */
public final class LyricsMissesTable {
  private final String path;

  public LyricsMissesTable(SparkSession spark, String path) {
    this.path = path;
    DeltaTables.open(spark, path);
  }

  public String path() {
    return path;
  }

  public void replace(Dataset<Row> misses) {
    misses.write().format("delta").mode("overwrite").option("overwriteSchema", "true").save(path);
  }
}
