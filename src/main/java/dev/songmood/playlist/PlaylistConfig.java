package dev.songmood.playlist;

/**
 * {@code playlist}: the labelled catalog ({@code label}'s predictions table, Delta or Parquet), where the listener
 * starts and where they should arrive ({@link MoodPoint}), how many songs, how far apart an artist's songs must be,
 * the lowest classifier confidence kept, and where to write.
 */
public record PlaylistConfig(String predictions, MoodPoint from, MoodPoint to, int songs, int artistGap,
    double minConfidence, String out) {
  /** Songs in a playlist. */
  public static final int SONGS_DEFAULT = 10;
  /** After a song, its artist is not played again for this many songs (0: no rule). */
  public static final int ARTIST_GAP_DEFAULT = 3;
  /** Songs the classifier is less sure of (highest quadrant probability) are left out; 0.25 is chance. */
  public static final double MIN_CONFIDENCE_DEFAULT = 0.4;
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
    if (!(minConfidence >= 0 && minConfidence <= 1)) {
      throw new IllegalArgumentException("the minimum confidence must be in 0..1, got " + minConfidence);
    }
  }
}
