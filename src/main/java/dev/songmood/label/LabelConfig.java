package dev.songmood.label;

import dev.songmood.config.InputSpec;

/**
 * {@code label}: a saved model, a catalog, and the directory of the output tables. {@code lyricsOnly} leaves out the
 * model's catalog priors (artist, genre), so every song is labelled from its lyrics alone; {@code full} relabels
 * every song instead of only the new and changed ones; {@code songsPerTask} sizes the labelling tasks.
 */
public record LabelConfig(String model, InputSpec input, String out, boolean lyricsOnly, boolean full,
    int songsPerTask) {
  /** Songs per labelling task by default: ~30 s of encoding on a CPU core, small enough to redo when one is lost. */
  public static final int SONGS_PER_TASK = 2_000;
  public static final String PREDICTIONS_DIR = "predictions";
  public static final String QUARANTINE_DIR = "quarantine";
  public static final String RUNS_DIR = "runs";
  /** Where a run stages its newly labelled songs before publishing them; never read by anyone else. */
  public static final String STAGING_DIR = "_staging";

  public LabelConfig {
    if (songsPerTask < 1) {
      throw new IllegalArgumentException("--songs-per-task must be at least 1");
    }
  }

  public LabelConfig(String model, InputSpec input, String out) {
    this(model, input, out, false, false, SONGS_PER_TASK);
  }

  public LabelConfig(String model, InputSpec input, String out, boolean lyricsOnly, boolean full) {
    this(model, input, out, lyricsOnly, full, SONGS_PER_TASK);
  }
}
