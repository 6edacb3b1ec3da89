package dev.songmood.playlist;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The driver's part of a playlist: walks the waypoints in order and takes, for each, its nearest candidate that is
 * not already in the playlist and whose artist is not among the previous {@code artistGap} songs' artists (a
 * song without an artist never clashes). The candidates of each waypoint come nearest first.
 *
 * <p>Taking the nearest allowed song of the whole catalog only needs the nearest few: if a waypoint's list holds an
 * allowed song, the first allowed one is the catalog's nearest allowed one. When a full list holds none, the walk
 * says which waypoint needs more candidates; a list shorter than asked for already held every eligible song.
 */
final class Walk {
  /** The songs taken, in order, or the first waypoint whose candidates ran out before an allowed one. */
  record Result(List<Song> songs, Optional<Integer> needsMore) {
  }

  private Walk() {
  }

  static Result of(List<List<Song>> candidates, int fetchedPerWaypoint, int artistGap) {
    List<Song> chosen = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (int step = 0; step < candidates.size(); step++) {
      Song pick = null;
      for (Song s : candidates.get(step)) {
        if (!used.contains(s.id()) && !recentArtist(chosen, s.artist(), artistGap)) {
          pick = s;
          break;
        }
      }
      if (pick == null) {
        if (candidates.get(step).size() >= fetchedPerWaypoint) {
          return new Result(chosen, Optional.of(step));
        }
        continue;  // every eligible song of the catalog was looked at: this waypoint stays empty
      }
      chosen.add(pick);
      used.add(pick.id());
    }
    return new Result(chosen, Optional.empty());
  }

  /** Whether {@code artist} is among the last {@code gap} chosen songs' artists (case-insensitive). */
  static boolean recentArtist(List<Song> chosen, String artist, int gap) {
    if (artist == null || artist.isBlank()) {
      return false;
    }
    String a = artist.trim().toLowerCase(Locale.ROOT);
    for (int i = chosen.size() - 1; i >= 0 && i >= chosen.size() - gap; i--) {
      String other = chosen.get(i).artist();
      if (other != null && other.trim().toLowerCase(Locale.ROOT).equals(a)) {
        return true;
      }
    }
    return false;
  }
}
