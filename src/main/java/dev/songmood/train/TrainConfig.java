package dev.songmood.train;

import dev.songmood.config.InputSpec;
import dev.songmood.stages.CleaningProfile;
import java.util.List;

/**
 * Everything {@code train} needs. Splits come from the input's split column (train / validation / test values);
 * without one, songs are split 70/15/15 by a hash of their id. {@code folds} 0 searches on the validation split,
 * k > 1 by k-fold cross-validation over train + validation.
 */
public record TrainConfig(
    InputSpec input,
    String out,
    String centre,
    String quadrantColumn,
    CleaningProfile profile,
    int minCleanChars,
    int maxRawChars,
    String trainSplit,
    String validationSplit,
    String testSplit,
    long seed,
    int folds,
    SearchSpace search,
    int parallelism,
    boolean refitWithValidation) {

  public static final String MODEL_DIR = "model";
  public static final String REPORT_DIR = "report";
  public static final String QUARANTINE_DIR = "quarantine";
  /** Fine-tuning checkpoints: kept while a run may resume, removed once its model is published. */
  public static final String CHECKPOINT_DIR = "_checkpoints";

  /** Defaults that reproduce the TF-IDF baseline on MuSe. */
  public static TrainConfig defaults(InputSpec input, String out) {
    return new TrainConfig(input, out, "median", null, CleaningProfile.FULL, 65, 100_000, "train", "validation",
        "test", 42L, 0, SearchSpace.defaults(), 2, true);
  }

  public TrainConfig withSearch(SearchSpace value) {
    return new TrainConfig(input, out, centre, quadrantColumn, profile, minCleanChars, maxRawChars, trainSplit,
        validationSplit, testSplit, seed, folds, value, parallelism, refitWithValidation);
  }

  public TrainConfig withGrid(List<Integer> vocab, List<Double> reg) {
    return withSearch(search.with(search.families(), vocab, reg));
  }
}
