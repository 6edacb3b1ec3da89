package dev.songmood.prepare;

import dev.songmood.input.InputSpec;
import dev.songmood.stages.CleaningProfile;

/** {@code prepare}: a labelled data set, how to read its labels and clean its lyrics, and where to write. */
public record PrepareConfig(InputSpec input, String out, String centre, String quadrantColumn,
    CleaningProfile profile, int minCleanChars, int maxRawChars) {
  public static final String PREPARED_DIR = "prepared";
  public static final String QUARANTINE_DIR = "quarantine";
  public static final String CHARTS_DIR = "charts";
}
