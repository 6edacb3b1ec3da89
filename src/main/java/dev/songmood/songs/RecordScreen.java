package dev.songmood.songs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import dev.songmood.input.Columns;
import dev.songmood.input.Fields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Record-level checks, before any lyrics processing: turns a raw input into the canonical song columns
 * ({@link Fields}) and marks records that cannot be a song: malformed (the parser failed), missing id, duplicate id
 * (the first occurrence in input order is kept). Lyrics-level checks live in the model's screening stage.
 */
public final class RecordScreen {
  public static final String MALFORMED = "malformed_row";
  public static final String MISSING_ID = "missing_id";
  public static final String DUPLICATE_ID = "duplicate_id";
  public static final String INVALID_LABEL = "invalid_label";
  private static final String DUPLICATE_DETAIL = "id seen earlier in the input; kept the first (this is copy ";
  private static final String NO_ID_DETAIL = "no id";

  private RecordScreen() {
  }

  /**
   * Returns the canonical columns plus {@link Fields#REJECT_REASON} / {@link Fields#REJECT_DETAIL} (null when the
   * record is fine). Fails before any work when the input has no id or no lyrics column at all (a wrong column
   * name, not bad rows); lyrics of another type are kept as text for the lyrics screen to reject.
   * With {@code coordinates}, valence and arousal are parsed as numbers (null when absent) and a value that is
   * present but not a number rejects the row; without, they are left out (a catalog to label needs none).
   */
  public static Dataset<Row> apply(Dataset<Row> raw, Columns columns, boolean coordinates) {
    Dataset<Row> songs = canonical(raw, columns);
    // Duplicates are counted among otherwise good records only, so a malformed first copy does not push out a good one.
    Column rank = row_number().over(Window.partitionBy(col(Fields.ID), col(Fields.REJECT_REASON).isNull())
        .orderBy(col(CatalogReader.ROW_COLUMN)));
    Column isDuplicate = col(Fields.REJECT_REASON).isNull().and(col("_rank").gt(1));
    Dataset<Row> unique = songs
        .withColumn("_rank", rank)
        .withColumn(Fields.REJECT_DETAIL, when(isDuplicate,
            concat(lit(DUPLICATE_DETAIL), col("_rank").cast("string"), lit(")"))).otherwise(col(Fields.REJECT_DETAIL)))
        .withColumn(Fields.REJECT_REASON, when(isDuplicate, lit(DUPLICATE_ID)).otherwise(col(Fields.REJECT_REASON)))
        .drop("_rank");
    return coordinates ? withCoordinates(unique, raw.schema(), columns) : unique;
  }

  /**
   * The canonical columns with the record-level rejections a row shows alone (malformed, missing id); no duplicate
   * check, which needs every row: {@link #apply} adds it, and {@code predict}, holding its few rows on the driver,
   * checks duplicates itself.
   */
  public static Dataset<Row> canonical(Dataset<Row> raw, Columns columns) {
    StructType schema = raw.schema();
    String idCol = Columns.require(columns.id(schema), "id", Columns.ID_CANDIDATES, schema);
    String lyricsCol = Columns.require(columns.lyrics(schema), "lyrics", Columns.LYRICS_CANDIDATES, schema);
    // Lyrics that are not text at all (a struct, an array) are kept as their JSON, for the lyrics screen to reject.
    // Bytes (Parquet BINARY) are decoded as UTF-8: bytes that are not UTF-8 become U+FFFD, which the lyrics screen
    // quarantines as invalid_encoding.
    DataType lyricsType = schema.apply(lyricsCol).dataType();
    Column lyrics = lyricsType instanceof BinaryType ? functions.decode(col(quote(lyricsCol)), "UTF-8")
        : lyricsType instanceof org.apache.spark.sql.types.AtomicType
        ? col(quote(lyricsCol)).cast(DataTypes.StringType)
        : functions.to_json(col(quote(lyricsCol)));
    boolean hasCorrupt = Arrays.asList(schema.fieldNames()).contains(CatalogReader.CORRUPT_COLUMN);

    List<Column> sourceFields = new ArrayList<>();
    for (String name : schema.fieldNames()) {
      if (!name.equals(CatalogReader.ROW_COLUMN)) {
        sourceFields.add(col(quote(name)));
      }
    }

    Column id = trimUnicode(col(quote(idCol)).cast(DataTypes.StringType));
    Column malformed = hasCorrupt ? col(CatalogReader.CORRUPT_COLUMN).isNotNull() : lit(false);
    Column reason = when(malformed, lit(MALFORMED))
        .when(id.isNull().or(id.equalTo("")), lit(MISSING_ID));
    Column detail = when(malformed, lit("the parser could not read this record"))
        .when(id.isNull().or(id.equalTo("")), lit(NO_ID_DETAIL));

    return raw.select(
        col(CatalogReader.ROW_COLUMN),
        id.as(Fields.ID),
        text(columns.artist(schema)).as(Fields.ARTIST),
        text(columns.title(schema)).as(Fields.TITLE),
        lyrics.as(Fields.LYRICS),
        text(columns.split(schema)).as(Fields.SPLIT),
        text(columns.genre(schema)).as(Fields.GENRE),
        functions.struct(sourceFields.toArray(new Column[0])).as(Fields.SOURCE),
        reason.as(Fields.REJECT_REASON),
        detail.as(Fields.REJECT_DETAIL));
  }

  /**
   * {@link #canonical} for one record held in memory ({@code predict}, {@code serve}): the song columns found by the
   * same names and candidates, the id trimmed by the same rule ({@link #trimId}), a blank id rejected.
   * {@code field} gives a column's text (null when absent).
   */
  public static Map<String, Object> canonical(UnaryOperator<String> field, StructType schema, Columns columns) {
    String idCol = Columns.require(columns.id(schema), "id", Columns.ID_CANDIDATES, schema);
    String lyricsCol = Columns.require(columns.lyrics(schema), "lyrics", Columns.LYRICS_CANDIDATES, schema);
    Map<String, Object> song = new HashMap<>();
    String id = trimId(field.apply(idCol));
    song.put(Fields.ID, id);
    song.put(Fields.ARTIST, columns.artist(schema).map(field).orElse(null));
    song.put(Fields.TITLE, columns.title(schema).map(field).orElse(null));
    song.put(Fields.LYRICS, field.apply(lyricsCol));
    song.put(Fields.SPLIT, columns.split(schema).map(field).orElse(null));
    song.put(Fields.GENRE, columns.genre(schema).map(field).orElse(null));
    boolean noId = id == null || id.isEmpty();
    song.put(Fields.REJECT_REASON, noId ? MISSING_ID : null);
    song.put(Fields.REJECT_DETAIL, noId ? NO_ID_DETAIL : null);
    return song;
  }

  /**
   * {@link #apply}'s duplicate rule for songs held in memory, in input order: among the songs no check rejected,
   * each id's first copy is kept and every later one rejected as {@value #DUPLICATE_ID}.
   */
  public static void markDuplicates(List<Map<String, Object>> songs) {
    Map<Object, Integer> copies = new HashMap<>();
    for (Map<String, Object> song : songs) {
      if (song.get(Fields.REJECT_REASON) == null) {
        int copy = copies.merge(song.get(Fields.ID), 1, Integer::sum);
        if (copy > 1) {
          song.put(Fields.REJECT_REASON, DUPLICATE_ID);
          song.put(Fields.REJECT_DETAIL, DUPLICATE_DETAIL + copy + ")");
        }
      }
    }
  }

  private static Dataset<Row> withCoordinates(Dataset<Row> songs, StructType schema, Columns columns) {
    Dataset<Row> out = songs;
    for (String field : new String[] {Fields.VALENCE, Fields.AROUSAL}) {
      Optional<String> source = field.equals(Fields.VALENCE) ? columns.valence(schema) : columns.arousal(schema);
      Column text = source.map(c -> col(Fields.SOURCE).getField(c).cast(DataTypes.StringType))
          .orElse(lit(null).cast(DataTypes.StringType));
      Column number = trim(text).cast(DataTypes.DoubleType);
      out = out.withColumn(field, number);
      Column bad = text.isNotNull().and(trim(text).notEqual("")).and(number.isNull().or(functions.isnan(number)));
      out = Rejections.mark(out, bad, INVALID_LABEL,
          concat(lit(field + " is not a number: "), functions.substring(text, 1, 40)));
    }
    return out;
  }

  /**
   * Ids are kept as given (case and inner spaces too) but for blanks around them in any script: Unicode spaces
   * (no-break, ideographic...), zero-width characters and the byte-order mark. An id of blanks only is no id.
   */
  static Column trimUnicode(Column text) {
    return functions.regexp_replace(text, EDGE_BLANKS, "");
  }

  /** {@link #trimUnicode} for an id held in memory ({@code predict}, {@code serve}): the same pattern. */
  public static String trimId(String id) {
    return id == null ? null : EDGE_BLANKS_PATTERN.matcher(id).replaceAll("");
  }

  /** Whitespace and separators of every script, and the invisible format characters that pass for nothing. */
  private static final String BLANKS = "[\\s\\p{Z}\\u200B-\\u200D\\u2060\\uFEFF]";
  private static final String EDGE_BLANKS = "^" + BLANKS + "+|" + BLANKS + "+$";
  private static final java.util.regex.Pattern EDGE_BLANKS_PATTERN = java.util.regex.Pattern.compile(EDGE_BLANKS);

  /** Text of an optional column (null when absent). */
  private static Column text(Optional<String> column) {
    return column.map(c -> col(quote(c)).cast(DataTypes.StringType)).orElse(lit(null).cast(DataTypes.StringType));
  }

  static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
