package dev.songmood.evaluate;

import dev.songmood.input.InputSpec;

/**
 * {@code evaluate}: a saved model, a labelled data set (optionally one split of it), how its labels are read
 * ({@code centre}: model, median, mean, a value or V,A; or a ready {@code quadrantColumn}), and where to write;
 * {@code lyricsOnly} leaves out the model's catalog priors; {@code recalibrate} refits the model's calibration on
 * the evaluated songs and writes the new model version under {@code out}/{@value #MODEL_DIR}; {@code cascade}
 * false runs every song through every member ({@code --cascade off}); {@code addCascade} chooses an encoder
 * cascade's threshold on the evaluated songs and writes the model with it under {@code out}/{@value #MODEL_DIR}.
 */
public record EvaluateConfig(String model, InputSpec input, String split, String centre, String quadrantColumn,
    String out, boolean lyricsOnly, boolean recalibrate, boolean cascade, boolean addCascade) {
  public static final String REPORT_DIR = "report";
  public static final String MODEL_DIR = "model";
  public static final String QUARANTINE_DIR = "quarantine";
  /**
   * Fewest evaluated songs per quadrant for a report's scores to mean something; below it, reports print a caveat
   * with the accuracy's 95% interval next to the numbers (the demo's test split has 8 songs, 2 per quadrant).
   */
  public static final int MIN_SONGS_PER_CLASS_DEFAULT = 30;

  public EvaluateConfig(String model, InputSpec input, String split, String centre, String quadrantColumn,
      String out) {
    this(model, input, split, centre, quadrantColumn, out, false, false);
  }

  public EvaluateConfig(String model, InputSpec input, String split, String centre, String quadrantColumn,
      String out, boolean lyricsOnly, boolean recalibrate) {
    this(model, input, split, centre, quadrantColumn, out, lyricsOnly, recalibrate, true, false);
  }

  public EvaluateConfig {
    if (recalibrate && lyricsOnly) {
      throw new IllegalArgumentException("--recalibrate refits the model as it labels: leave out --lyrics-only");
    }
    if (addCascade && (lyricsOnly || recalibrate || !cascade)) {
      throw new IllegalArgumentException("--add-cascade adds a cascade to the model as it labels, written to OUT/"
          + MODEL_DIR + ": leave out --lyrics-only, --recalibrate and --cascade off");
    }
  }
}
