package dev.songmood.label;

import dev.songmood.config.InputSpec;

/** {@code label}: a saved model, a catalog, and where to write predictions and quarantine. */
public record LabelConfig(String model, InputSpec input, String out) {
  public static final String PREDICTIONS_DIR = "predictions";
  public static final String QUARANTINE_DIR = "quarantine";
}
