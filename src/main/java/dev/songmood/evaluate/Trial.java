package dev.songmood.evaluate;

import java.util.Map;

/**
 * One evaluated point of train's hyperparameter search, as a report lists it: its parameters, validation metrics and
 * time.
 */
public record Trial(int index, Map<String, Object> params, double macroF1, double accuracy, int folds, double seconds) {
}
