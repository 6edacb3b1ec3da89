package dev.songmood.playlist;

import dev.songmood.Quadrant;
import java.util.Locale;

/**
 * A point of the playlist plane: valence (x) and arousal (y), each in -1..1 with the quadrants' boundary at 0. A mood
 * word or quadrant name stands for the middle of its quadrant ({@value #MOOD_RADIUS} out on both axes): happy / Q1
 * (+, +), angry / Q2 (-, +), sad / Q3 (-, -), relaxed / Q4 (+, -).
 */
public record MoodPoint(String name, double valence, double arousal) {
  public static final double MOOD_RADIUS = 0.5;

  /** "sad", "Q3", "2" (a quadrant id), or "VALENCE,AROUSAL" with both in -1..1. */
  public static MoodPoint parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a mood is a word (happy, angry, sad, relaxed), Q1..Q4, or VALENCE,AROUSAL");
    }
    Quadrant q = Quadrant.parse(text);
    if (q != null) {
      return new MoodPoint(q.mood(), q.positiveValence() ? MOOD_RADIUS : -MOOD_RADIUS,
          q.highArousal() ? MOOD_RADIUS : -MOOD_RADIUS);
    }
    String[] parts = text.split(",");
    try {
      if (parts.length == 2) {
        double v = Double.parseDouble(parts[0].trim());
        double a = Double.parseDouble(parts[1].trim());
        if (Math.abs(v) <= 1 && Math.abs(a) <= 1) {
          return new MoodPoint(String.format(Locale.ROOT, "%.2f,%.2f", v, a), v, a);
        }
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException("'" + text + "' is not a mood: give happy, angry, sad, relaxed, Q1..Q4, or "
        + "VALENCE,AROUSAL with both in -1..1");
  }

  /** The i-th of n evenly spaced points from {@code from} to {@code to}, both ends included. */
  static MoodPoint between(MoodPoint from, MoodPoint to, int i, int n) {
    double t = n == 1 ? 1.0 : (double) i / (n - 1);
    return new MoodPoint("step " + (i + 1), from.valence + (to.valence - from.valence) * t,
        from.arousal + (to.arousal - from.arousal) * t);
  }
}
