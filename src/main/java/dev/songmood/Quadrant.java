package dev.songmood;

import java.util.List;
import java.util.Locale;

/**
 * The label space: the four quadrants of Russell's valence/arousal plane, ids 0..3.
 * The ids are what the classifier predicts and what the output tables store.
 */
public enum Quadrant {
  Q1(0, "happy", true, true, "joy, power, surprise"),
  Q2(1, "angry", true, false, "anger, fear, tension"),
  Q3(2, "sad", false, false, "bitterness, sadness"),
  Q4(3, "relaxed", false, true, "tenderness, peace, transcendence");

  public static final int COUNT = 4;

  private final int id;
  private final String mood;
  private final boolean highArousal;
  private final boolean positiveValence;
  private final String emotions;

  Quadrant(int id, String mood, boolean highArousal, boolean positiveValence, String emotions) {
    this.id = id;
    this.mood = mood;
    this.highArousal = highArousal;
    this.positiveValence = positiveValence;
    this.emotions = emotions;
  }

  public int id() { return id; }

  /** The mood word used by the Deezer/MER literature for this quadrant (happy, angry, sad, relaxed). */
  public String mood() { return mood; }

  public boolean highArousal() { return highArousal; }

  public boolean positiveValence() { return positiveValence; }

  public String emotions() { return emotions; }

  public static Quadrant ofId(int id) {
    if (id < 0 || id >= COUNT) {
      throw new IllegalArgumentException("quadrant id must be 0..3, got " + id);
    }
    return values()[id];
  }

  /**
   * The quadrant of a point relative to a centre. A value exactly on the centre counts as positive
   * (high arousal / positive valence), so every point has exactly one quadrant.
   */
  public static Quadrant of(double valence, double arousal, double valenceCentre, double arousalCentre) {
    boolean positive = valence >= valenceCentre;
    boolean high = arousal >= arousalCentre;
    if (high) {
      return positive ? Q1 : Q2;
    }
    return positive ? Q4 : Q3;
  }

  /**
   * Reads a ready-made label: an id 0..3, a name Q1..Q4, or a mood word (happy, angry, sad, relaxed),
   * case-insensitive. Returns null for anything else, so callers can quarantine the row with a reason.
   */
  public static Quadrant parse(String text) {
    if (text == null) {
      return null;
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.endsWith(".0")) {
      t = t.substring(0, t.length() - 2);
    }
    for (Quadrant q : values()) {
      if (t.equals(Integer.toString(q.id)) || t.equals(q.name().toLowerCase(Locale.ROOT)) || t.equals(q.mood)) {
        return q;
      }
    }
    return null;
  }

  /** Names in id order, for report axes and column names. */
  public static List<String> names() {
    return List.of(Q1.name(), Q2.name(), Q3.name(), Q4.name());
  }
}
