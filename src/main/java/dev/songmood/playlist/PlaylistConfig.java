package dev.songmood.playlist;

/**
 * {@code playlist}: the labelled catalog ({@code label}'s predictions table, Delta or Parquet), where the listener
 * starts and where they should arrive ({@link MoodPoint}), how many songs, how far apart an artist's songs must be,
 * the lowest classifier confidence kept (null: read from {@code model}, see {@link ConfidenceThreshold}), how far
 * from the target the last song may end, and where to write.
 */
public record PlaylistConfig(String predictions, MoodPoint from, MoodPoint to, int songs, int artistGap,
    Double minConfidence, String model, double maxEndDistance, String out) {
  /** Songs in a playlist. */
  public static final int SONGS_DEFAULT = 10;
  /** After a song, its artist is not played again for this many songs (0: no rule). */
  public static final int ARTIST_GAP_DEFAULT = 3;
  /**
   * Songs the classifier is less sure of (highest quadrant probability) are left out; 0.25 is chance. Used only when
   * the model records no threshold of its own ({@link ConfidenceThreshold}).
   */
  public static final double MIN_CONFIDENCE_DEFAULT = 0.4;
  /** The model's own threshold is the one that keeps this share of its validation songs (its coverage table). */
  public static final double COVERAGE_DEFAULT = 0.5;
  /**
   * A playlist whose last song is further than this from the target (on the -1..1 plane) did not arrive: a mood's
   * centre is 0.5 from both axes, so a song within 0.5 of it is inside the target's quadrant.
   */
  public static final double MAX_END_DISTANCE_DEFAULT = 0.5;
  /** Nearest candidates first fetched per waypoint; doubled while a waypoint finds none it may use. */
  public static final int CANDIDATES_PER_WAYPOINT_DEFAULT = 16;
  public static final String PLAYLIST_DIR = "playlist";

  public PlaylistConfig {
    if (songs < 1) {
      throw new IllegalArgumentException("a playlist needs at least 1 song, got " + songs);
    }
    if (artistGap < 0) {
      throw new IllegalArgumentException("the artist gap must be 0 or more, got " + artistGap);
    }
    if (minConfidence != null && !(minConfidence >= 0 && minConfidence <= 1)) {
      throw new IllegalArgumentException("the minimum confidence must be in 0..1, got " + minConfidence);
    }
    if (!(maxEndDistance >= 0)) {
      throw new IllegalArgumentException("the end distance must be 0 or more, got " + maxEndDistance);
    }
  }

  /** A fixed minimum confidence, no model, and the default end distance. */
  public PlaylistConfig(String predictions, MoodPoint from, MoodPoint to, int songs, int artistGap,
      double minConfidence, String out) {
    this(predictions, from, to, songs, artistGap, minConfidence, null, MAX_END_DISTANCE_DEFAULT, out);
  }
}
