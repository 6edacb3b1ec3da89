package dev.songmood.fetch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.songmood.input.Columns;
import dev.songmood.songs.CatalogReader;
import dev.songmood.tables.LyricsCacheTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Where every catalog row ends: joined with the cache's answers (this run's and earlier ones) and this run's
 * failures, each row gets exactly one {@link #OUTCOME} and, when missed, one {@link #REASON}. Then the two things
 * written from it: the catalog with {@code lyrics} and {@code lyrics_source}, and the misses.
 */
final class FetchOutcomes {
  static final String OUTCOME = FetchSongs.PREFIX + "outcome";
  static final String REASON = FetchSongs.PREFIX + "reason";
  static final String DETAIL = FetchSongs.PREFIX + "detail";
  static final String FROM_CACHE = FetchSongs.PREFIX + "from_cache";
  static final String LYRICS = FetchSongs.PREFIX + "lyrics_out";
  static final String SOURCE = FetchSongs.PREFIX + "source_out";
  /** {@code lyrics_source} of a row whose lyrics the catalog already had. */
  static final String CATALOG_SOURCE = "catalog";

  private static final String ANSWER = FetchSongs.PREFIX + "answer";
  private static final String ANSWER_LYRICS = FetchSongs.PREFIX + "answer_lyrics";
  private static final String ANSWER_SOURCE = FetchSongs.PREFIX + "answer_source";
  private static final String ANSWER_RUN = FetchSongs.PREFIX + "answer_run";
  private static final String FAILURE = FetchSongs.PREFIX + "failure";
  private static final String FAILURE_DETAIL = FetchSongs.PREFIX + "failure_detail";

  private FetchOutcomes() {
  }

  /** {@code songs} ({@link FetchSongs#of}) with the outcome columns; {@code failures} in the cache's schema. */
  static Dataset<Row> of(Dataset<Row> songs, Dataset<Row> answers, Dataset<Row> failures, String runId) {
    Dataset<Row> a = answers.select(col(LyricsCacheTable.ARTIST_KEY).as(FetchSongs.K_ARTIST),
        col(LyricsCacheTable.TITLE_KEY).as(FetchSongs.K_TITLE), col(LyricsCacheTable.STATUS).as(ANSWER),
        col("lyrics").as(ANSWER_LYRICS), col("lyrics_source").as(ANSWER_SOURCE), col("run_id").as(ANSWER_RUN));
    Dataset<Row> f = failures.select(col(LyricsCacheTable.ARTIST_KEY).as(FetchSongs.K_ARTIST),
        col(LyricsCacheTable.TITLE_KEY).as(FetchSongs.K_TITLE), col(LyricsCacheTable.STATUS).as(FAILURE),
        col("detail").as(FAILURE_DETAIL));
    var keys = JavaSeq.of(FetchSongs.K_ARTIST, FetchSongs.K_TITLE);
    Dataset<Row> joined = songs.join(a, keys, "left").join(f, keys, "left");

    Column state = col(FetchSongs.STATE);
    Column found = col(ANSWER).equalTo(Outcome.FOUND);
    Column outcome = when(state.equalTo(Outcome.HAD_LYRICS), lit(Outcome.HAD_LYRICS))
        .when(state.equalTo(Outcome.NO_ARTIST_OR_TITLE), lit(Outcome.MISSED))
        .when(found.and(col(ANSWER_RUN).equalTo(runId)), lit(Outcome.FETCHED))
        .when(found, lit(Outcome.CACHED))
        .otherwise(lit(Outcome.MISSED));
    Column missed = col(OUTCOME).equalTo(Outcome.MISSED);
    return joined.withColumn(OUTCOME, outcome)
        .withColumn(REASON, when(missed, when(state.equalTo(Outcome.NO_ARTIST_OR_TITLE), lit(Outcome.NO_ARTIST_OR_TITLE))
            .when(col(ANSWER).isNotNull(), col(ANSWER)).otherwise(col(FAILURE))))
        .withColumn(DETAIL, when(missed, when(state.equalTo(Outcome.NO_ARTIST_OR_TITLE),
                when(col(FetchSongs.K_ARTIST).isNull().or(col(FetchSongs.K_ARTIST).equalTo("")), lit("no artist"))
                    .otherwise(lit("no title")))
            .when(col(ANSWER).isNotNull(), concat(lit("the provider's answer, cached by run "), col(ANSWER_RUN)))
            .otherwise(col(FAILURE_DETAIL))))
        .withColumn(FROM_CACHE, missed.and(col(ANSWER).isNotNull()).and(col(ANSWER_RUN).notEqual(runId)))
        .withColumn(LYRICS, when(state.equalTo(Outcome.HAD_LYRICS), col(FetchSongs.LYRICS_IN))
            .when(col(OUTCOME).isin(Outcome.FETCHED, Outcome.CACHED), col(ANSWER_LYRICS)))
        .withColumn(SOURCE, when(state.equalTo(Outcome.HAD_LYRICS), lit(CATALOG_SOURCE))
            .when(col(OUTCOME).isin(Outcome.FETCHED, Outcome.CACHED), col(ANSWER_SOURCE)));
  }

  /**
   * The catalog as written: the input's own columns in their order, its lyrics column (whatever its name) replaced by
   * {@code lyrics}, then {@code lyrics_source}. {@code label} reads it as it is.
   */
  static Dataset<Row> catalog(Dataset<Row> outcomes, StructType input, Optional<String> lyricsColumn) {
    List<Column> out = new ArrayList<>();
    boolean placed = false;
    for (String name : Columns.userColumns(input)) {
      String lower = name.toLowerCase(Locale.ROOT);
      boolean isLyrics = lyricsColumn.map(l -> l.equals(name)).orElse(false) || lower.equals("lyrics");
      if (isLyrics && !placed) {
        out.add(col(LYRICS).as("lyrics"));
        placed = true;
      } else if (!isLyrics && !lower.equals("lyrics_source")) {
        out.add(col(name));
      }
    }
    if (!placed) {
      out.add(col(LYRICS).as("lyrics"));
    }
    out.add(col(SOURCE).as("lyrics_source"));
    return outcomes.select(out.toArray(new Column[0]));
  }

  /** The missed rows in the misses table's schema. */
  static Dataset<Row> misses(Dataset<Row> outcomes, String runId, Optional<String> idColumn) {
    return outcomes.where(col(OUTCOME).equalTo(Outcome.MISSED)).select(
        lit(runId).as("run_id"),
        col(CatalogReader.ROW_COLUMN).as("source_row"),
        idColumn.map(id -> col(id).cast("string")).orElse(lit(null).cast("string")).as("id"),
        col(FetchSongs.Q_ARTIST).as("artist"),
        col(FetchSongs.Q_TITLE).as("title"),
        col(REASON).as("reason"),
        col(DETAIL).as("detail"),
        col(FROM_CACHE).as("from_cache"),
        current_timestamp().as("missed_at"));
  }
}
