package dev.songmood.label;

import dev.songmood.config.InputSpec;

/**
 * {@code label}: a saved model, a catalog, and the directory of the output tables. {@code lyricsOnly} leaves out the
 * model's catalog priors (artist, genre), so every song is labelled from its lyrics alone; {@code full} relabels
 * every song instead of only the new and changed ones.
 */
public record LabelConfig(String model, InputSpec input, String out, boolean lyricsOnly, boolean full) {
  public static final String PREDICTIONS_DIR = "predictions";
  public static final String QUARANTINE_DIR = "quarantine";
  public static final String RUNS_DIR = "runs";
  /** Where a run stages its newly labelled songs before publishing them; never read by anyone else. */
  public static final String STAGING_DIR = "_staging";

  public LabelConfig(String model, InputSpec input, String out) {
    this(model, input, out, false, false);
  }
}
