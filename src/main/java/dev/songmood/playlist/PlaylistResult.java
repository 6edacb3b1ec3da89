package dev.songmood.playlist;

import java.util.List;

/**
 * A playlist: the songs in order (song i was chosen for waypoint {@code waypoints.get(song.step())}), where it was
 * written, how many nearest candidates per waypoint the last search fetched, the confidence threshold used and
 * whence it came, and how far the last song ended from the target (NaN for an empty playlist).
 */
public record PlaylistResult(MoodPoint from, MoodPoint to, List<MoodPoint> waypoints, List<Song> songs,
    String tableDir, int candidatesPerWaypoint, double minConfidence, String minConfidenceFrom,
    double endDistance, double maxEndDistance) {
  /** Songs asked for but not found (0 when the playlist is full). */
  public int shortBy() {
    return waypoints.size() - songs.size();
  }

  /** Whether the last song ended further from the target than allowed (an empty playlist never arrived). */
  public boolean endsFar() {
    return !(endDistance <= maxEndDistance);
  }

  /** Whether the playlist fell short of what was asked: fewer songs, or an end too far from the target. */
  public boolean fellShort() {
    return shortBy() > 0 || endsFar();
  }

  /** One line saying how the playlist fell short, for stderr. */
  public String shortfall() {
    StringBuilder sb = new StringBuilder("the playlist falls short:");
    if (shortBy() > 0) {
      sb.append(String.format(java.util.Locale.ROOT, " %d of the %d songs asked for were not found (%d songs kept "
          + "at confidence >= %.4f, %s);", shortBy(), waypoints.size(), songs.size(), minConfidence,
          minConfidenceFrom));
    }
    if (songs.isEmpty()) {
      sb.append(" no song reached ").append(to.name()).append(';');
    } else if (endsFar()) {
      sb.append(String.format(java.util.Locale.ROOT, " its last song ends %.3f from %s (more than %.3f);",
          endDistance, to.name(), maxEndDistance));
    }
    return sb.append(" lower --min-confidence, or give --allow-short to accept it").toString();
  }
}
