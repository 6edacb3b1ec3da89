package dev.songmood.input;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.types.StructType;

/**
 * Which input column holds each field of a song. A field left unset is looked up among known names, in
 * order, so that both shared data sets (MuSe: song_id, artist, title; Deezer: dzr_sng_id, artist_name,
 * track_name) and the job's own prepared tables read without flags.
 */
public final class Columns implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final List<String> ID_CANDIDATES = List.of("song_id", "dzr_sng_id", "id", "track_id");
  public static final List<String> ARTIST_CANDIDATES = List.of("artist", "artist_name");
  public static final List<String> TITLE_CANDIDATES = List.of("title", "track_name", "name");
  public static final List<String> LYRICS_CANDIDATES = List.of("lyrics", "lyric", "text");
  public static final List<String> VALENCE_CANDIDATES = List.of("valence");
  public static final List<String> AROUSAL_CANDIDATES = List.of("arousal");
  public static final List<String> SPLIT_CANDIDATES = List.of("split");
  public static final List<String> GENRE_CANDIDATES = List.of("genre", "top_genre");

  private final String id;
  private final String artist;
  private final String title;
  private final String lyrics;
  private final String valence;
  private final String arousal;
  private final String split;
  private final String genre;

  public Columns(String id, String artist, String title, String lyrics, String valence, String arousal, String split) {
    this(id, artist, title, lyrics, valence, arousal, split, null);
  }

  public Columns(String id, String artist, String title, String lyrics, String valence, String arousal, String split,
      String genre) {
    this.id = id;
    this.artist = artist;
    this.title = title;
    this.lyrics = lyrics;
    this.valence = valence;
    this.arousal = arousal;
    this.split = split;
    this.genre = genre;
  }

  /** All fields looked up among the known names. */
  public static Columns defaults() {
    return new Columns(null, null, null, null, null, null, null);
  }

  /** The explicitly configured name, if any (null means: look it up). */
  public String configuredId() { return id; }
  public String configuredLyrics() { return lyrics; }

  public Optional<String> id(StructType schema) { return pick(schema, id, ID_CANDIDATES); }
  public Optional<String> artist(StructType schema) { return pick(schema, artist, ARTIST_CANDIDATES); }
  public Optional<String> title(StructType schema) { return pick(schema, title, TITLE_CANDIDATES); }
  public Optional<String> lyrics(StructType schema) { return pick(schema, lyrics, LYRICS_CANDIDATES); }
  public Optional<String> valence(StructType schema) { return pick(schema, valence, VALENCE_CANDIDATES); }
  public Optional<String> arousal(StructType schema) { return pick(schema, arousal, AROUSAL_CANDIDATES); }
  public Optional<String> split(StructType schema) { return pick(schema, split, SPLIT_CANDIDATES); }
  public Optional<String> genre(StructType schema) { return pick(schema, genre, GENRE_CANDIDATES); }

  /**
   * A configured name must exist (a typo should fail, not silently fall back); an unset one is the first
   * known name present, compared case-insensitively.
   */
  private static Optional<String> pick(StructType schema, String configured, List<String> candidates) {
    List<String> names = Arrays.asList(schema.fieldNames());
    if (configured != null) {
      if (!names.contains(configured)) {
        throw new IllegalArgumentException("column '" + configured + "' not found; the input has " + names);
      }
      return Optional.of(configured);
    }
    for (String candidate : candidates) {
      for (String name : names) {
        if (name.toLowerCase(Locale.ROOT).equals(candidate)) {
          return Optional.of(name);
        }
      }
    }
    return Optional.empty();
  }

  /** The configured names ("id=song_id, lyrics=text"; "looked up" when none): stable, for logs and fingerprints. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    String[][] named = {{"id", id}, {"artist", artist}, {"title", title}, {"lyrics", lyrics}, {"valence", valence},
        {"arousal", arousal}, {"split", split}, {"genre", genre}};
    for (String[] n : named) {
      if (n[1] != null) {
        s.append(s.length() == 0 ? "" : ", ").append(n[0]).append('=').append(n[1]);
      }
    }
    return s.length() == 0 ? "looked up" : s.toString();
  }

  /** A required field: fails before any work with the names it looked for and the names it found. */
  public static String require(Optional<String> column, String field, List<String> candidates, StructType schema) {
    return column.orElseThrow(() -> new IllegalArgumentException(
        "the input has no " + field + " column (looked for " + candidates + ", found "
            + userColumns(schema) + "); name it with --" + field + "-col"));
  }

  /** The input's own column names: without the reader's bookkeeping columns (the malformed-record text and the row number). */
  public static List<String> userColumns(StructType schema) {
    List<String> names = new ArrayList<>(Arrays.asList(schema.fieldNames()));
    names.removeIf(n -> n.equals("_corrupt_record") || n.equals("_row"));
    return names;
  }
}
