package dev.songmood.input;

/** Canonical column names the job uses after reading an input, whatever the input called them. */
public final class Fields {
  public static final String ID = "id";
  public static final String ARTIST = "artist";
  public static final String TITLE = "title";
  public static final String LYRICS = "lyrics";
  public static final String VALENCE = "valence";
  public static final String AROUSAL = "arousal";
  /** A model's own estimates of valence and arousal (its regression heads), and the columns they are reported as. */
  public static final String VALENCE_PREDICTED = "valence_predicted";
  public static final String AROUSAL_PREDICTED = "arousal_predicted";
  public static final java.util.List<String[]> PREDICTED_COORDINATES = java.util.List.of(
      new String[] {VALENCE_PREDICTED, VALENCE}, new String[] {AROUSAL_PREDICTED, AROUSAL});
  public static final String SPLIT = "split";
  /** Optional catalog metadata: the song's genre (null when the input has none). */
  public static final String GENRE = "genre";
  /** The input row as read (all of its columns), kept so a quarantined row loses nothing. */
  public static final String SOURCE = "_source";
  /** Cleaned lyrics, written by the cleaning stage (full profile: bag-of-words models). */
  public static final String CLEAN_LYRICS = "clean_lyrics";
  /** Lightly normalised lyrics, the encoder's input. */
  public static final String LIGHT_LYRICS = "light_lyrics";
  /** The encoder's song vector (unit length). */
  public static final String EMBEDDING = "embedding";
  /** The language of the lyrics (ISO 639-1 code, null when the detector cannot tell), and whether the model read it. */
  public static final String LANGUAGE = "language";
  public static final String LANGUAGE_SUPPORTED = "language_supported";
  /**
   * Why a song's processing threw (the error's class and first line), set by the per-song stage that caught it and
   * turned into a quarantine row by the screen, which drops the column; null when nothing failed.
   */
  public static final String UNPROCESSABLE = "_unprocessable";
  /** Why a row was rejected (null: accepted) and a human-readable detail. */
  public static final String REJECT_REASON = "reject_reason";
  public static final String REJECT_DETAIL = "reject_detail";
  /** Quadrant id 0..3 (the label), as an integer, and as a double for MLlib. */
  public static final String QUADRANT = "quadrant";
  public static final String LABEL = "label";
  public static final String WEIGHT = "class_weight";
  public static final String PREDICTION = "prediction";
  public static final String PROBABILITY = "probability";
  /**
   * Which path of the model labelled the song: {@code cheap} (the encoder-free members were sure enough, see
   * {@code stages.EncoderCascade}) or {@code full} (every member, the encoder included). Not {@code path}: Delta's
   * MERGE with deletion vectors joins on a column of that name and finds its own ambiguous (Delta 3).
   */
  public static final String CASCADE_PATH = "cascade_path";

  private Fields() {
  }
}
