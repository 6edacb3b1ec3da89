package dev.songmood.train;

import java.util.Map;

/** One evaluated point of the hyperparameter search: its parameters, validation metrics and time. */
public record Trial(int index, Map<String, Object> params, double macroF1, double accuracy, int folds, double seconds) {
}
