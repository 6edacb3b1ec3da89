package dev.songmood.playlist;

import java.util.List;

/**
 * A playlist: the songs in order (song i was chosen for waypoint {@code waypoints.get(song.step())}), where it was
 * written, and how many nearest candidates per waypoint the last search fetched.
 */
public record PlaylistResult(MoodPoint from, MoodPoint to, List<MoodPoint> waypoints, List<Song> songs,
    String tableDir, int candidatesPerWaypoint) {
}
