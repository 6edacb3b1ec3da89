package dev.songmood.stages;

import java.util.Locale;

/**
 * Where the centre of the valence/arousal plane lies. FIXED takes given values (0 for standardised data such as
 * Deezer's); MEDIAN and MEAN learn them from the training data and save them with the model.
 */
public enum CentreStrategy {
  FIXED, MEDIAN, MEAN;

  public static CentreStrategy parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown centre strategy '" + text + "' (expected fixed, median or mean)");
    }
  }
}
