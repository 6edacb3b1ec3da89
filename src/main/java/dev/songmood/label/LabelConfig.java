package dev.songmood.label;

import dev.songmood.config.InputSpec;

/**
 * {@code label}: a saved model, a catalog, and where to write predictions and quarantine; {@code lyricsOnly}
 * leaves out the model's catalog priors (artist, genre), so every song is labelled from its lyrics alone.
 */
public record LabelConfig(String model, InputSpec input, String out, boolean lyricsOnly) {
  public static final String PREDICTIONS_DIR = "predictions";
  public static final String QUARANTINE_DIR = "quarantine";

  public LabelConfig(String model, InputSpec input, String out) {
    this(model, input, out, false);
  }
}
