package dev.songmood.stages;

import java.util.Locale;

/**
 * How much the cleaning stage changes lyrics. FULL is the original project's cleaning for bag-of-words models
 * (lower-case, contractions expanded, punctuation and stop words removed); LIGHT only normalises (line ends, mojibake,
 * section markers, timestamps, blank lines) and keeps what a transformer encoder uses: case, punctuation, stop words.
 */
public enum CleaningProfile {
  FULL, LIGHT;

  public static CleaningProfile parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown cleaning profile '" + text + "' (expected full or light)");
    }
  }
}
