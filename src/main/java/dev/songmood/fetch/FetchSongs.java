package dev.songmood.fetch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import dev.songmood.input.Columns;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A catalog as {@code fetch-lyrics} sees it: its own columns, plus the query (artist, title, album, duration in
 * seconds), the lyrics it already has, the cache key, and the row's {@link #STATE}: it has lyrics, it cannot be
 * asked (no artist or title), or it is to be looked up. Album and duration are optional and looked up by name.
 */
public final class FetchSongs {
  /** Names in the cache table and in {@link FetchPartition#PENDING}. */
  public static final String ARTIST_KEY = "artist_key";
  public static final String TITLE_KEY = "title_key";
  public static final String ARTIST = "artist";
  public static final String TITLE = "title";
  public static final String ALBUM = "album";
  public static final String DURATION = "duration";

  /** The columns added to the catalog while it is processed (none of them is written out). */
  static final String PREFIX = "_fetch_";
  static final String Q_ARTIST = PREFIX + "artist";
  static final String Q_TITLE = PREFIX + "title";
  static final String Q_ALBUM = PREFIX + "album";
  static final String Q_DURATION = PREFIX + "duration";
  static final String LYRICS_IN = PREFIX + "lyrics";
  static final String K_ARTIST = PREFIX + "artist_key";
  static final String K_TITLE = PREFIX + "title_key";
  static final String STATE = PREFIX + "state";
  static final String LOOKUP = "lookup";

  public static final List<String> ALBUM_CANDIDATES = List.of("album", "album_name", "album_title", "release");
  /** Seconds; a name ending in {@code _ms} is read as milliseconds. */
  public static final List<String> DURATION_CANDIDATES = List.of("duration", "duration_s", "duration_sec",
      "duration_seconds", "length", "duration_ms");

  private static final UserDefinedFunction KEY = functions.udf((UDF1<String, String>) SongKey::normalise,
      DataTypes.StringType);

  private FetchSongs() {
  }

  /** The catalog's lyrics column, when it has one. */
  static Optional<String> lyricsColumn(StructType schema, Columns columns) {
    return columns.lyrics(schema);
  }

  /** Fails before any work when the catalog has no artist or no title column. */
  public static Dataset<Row> of(Dataset<Row> raw, Columns columns) {
    StructType schema = raw.schema();
    String artist = Columns.require(columns.artist(schema), "artist", Columns.ARTIST_CANDIDATES, schema);
    String title = Columns.require(columns.title(schema), "title", Columns.TITLE_CANDIDATES, schema);
    Optional<String> lyrics = lyricsColumn(schema, columns);
    Optional<String> album = pick(schema, ALBUM_CANDIDATES);
    Optional<String> duration = pick(schema, DURATION_CANDIDATES);
    Column durationSeconds = duration.map(d -> {
      Column v = col(d).cast("double");
      return round(d.toLowerCase(Locale.ROOT).endsWith("_ms") ? v.divide(1000) : v).cast("int");
    }).orElse(lit(null).cast("int"));
    Column lyricsIn = lyrics.map(l -> col(l).cast("string")).orElse(lit(null).cast("string"));
    Dataset<Row> songs = raw
        .withColumn(Q_ARTIST, blankToNull(col(artist).cast("string")))
        .withColumn(Q_TITLE, blankToNull(col(title).cast("string")))
        .withColumn(Q_ALBUM, album.map(a -> blankToNull(col(a).cast("string"))).orElse(lit(null).cast("string")))
        .withColumn(Q_DURATION, when(durationSeconds.gt(0), durationSeconds))
        .withColumn(LYRICS_IN, blankToNull(lyricsIn));
    songs = songs.withColumn(K_ARTIST, KEY.apply(col(Q_ARTIST))).withColumn(K_TITLE, KEY.apply(col(Q_TITLE)));
    return songs.withColumn(STATE, when(col(LYRICS_IN).isNotNull(), lit(Outcome.HAD_LYRICS))
        .when(col(K_ARTIST).isNull().or(col(K_ARTIST).equalTo("")).or(col(K_TITLE).isNull())
            .or(col(K_TITLE).equalTo("")), lit(Outcome.NO_ARTIST_OR_TITLE))
        .otherwise(lit(LOOKUP)));
  }

  /** The songs to look up, once per cache key, in {@link FetchPartition#PENDING}'s schema. */
  static Dataset<Row> toLookUp(Dataset<Row> songs) {
    return songs.where(col(STATE).equalTo(LOOKUP))
        .select(col(K_ARTIST).as(ARTIST_KEY), col(K_TITLE).as(TITLE_KEY), col(Q_ARTIST).as(ARTIST),
            col(Q_TITLE).as(TITLE), col(Q_ALBUM).as(ALBUM), col(Q_DURATION).as(DURATION))
        .dropDuplicates(ARTIST_KEY, TITLE_KEY);
  }

  private static Column blankToNull(Column c) {
    return when(trim(c).notEqual(""), c);
  }

  private static Optional<String> pick(StructType schema, List<String> candidates) {
    for (String candidate : candidates) {
      for (String name : schema.fieldNames()) {
        if (name.toLowerCase(Locale.ROOT).equals(candidate)) {
          return Optional.of(name);
        }
      }
    }
    return Optional.empty();
  }
}
