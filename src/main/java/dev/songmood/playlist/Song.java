package dev.songmood.playlist;

/**
 * A candidate song for one waypoint ({@code step}, 0-based), as the candidate search found it: where it sits on the
 * plane, whence that position came ("model" or "probabilities"), and how far it is from the waypoint.
 */
public record Song(int step, String id, String artist, String title, String quadrantName, String mood,
    double confidence, double valence, double arousal, String positionFrom, double distance) {
}
