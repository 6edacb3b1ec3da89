package dev.songmood.evaluate;

import java.util.Map;

/**
 * One evaluated point of train's hyperparameter search, as a report lists it: its parameters, validation metrics and
 * time.
 */
public record Trial(int index, Map<String, Object> params, double macroF1, double accuracy, int folds, double seconds) {
  /** The trial's number as the log and the reports show it, counted from 1 ({@link #index} counts from 0). */
  public int number() { return index + 1; }
}
