package dev.songmood.train;

import dev.songmood.input.InputSpec;
import dev.songmood.songs.SongSplits;
import dev.songmood.stages.CleaningProfile;
import dev.songmood.stages.LyricsScreen;
import java.util.Objects;

/**
 * Everything {@code train} needs. Splits group songs by artist unless told by song ({@link SongSplits}): the input's
 * split column (train / validation / test values) where it keeps each artist on one side, else 70/15/15 by a hash
 * of the artist. {@code folds} 0 searches on the validation split,
 * k > 1 by k-fold cross-validation over train + validation.
 *
 * <p>Built by name, never by position: {@code TrainConfig.builder().input(...).out(...).build()} (input and out are
 * required; every other setting starts at its default in {@link Builder}, which reproduces the TF-IDF baseline on
 * MuSe). {@link #toBuilder()} copies a config to change some settings.
 */
public final class TrainConfig {
  public static final String MODEL_DIR = "model";
  public static final String REPORT_DIR = "report";
  public static final String QUARANTINE_DIR = "quarantine";
  /** Fine-tuning checkpoints: kept while a run may resume, removed once its model is published. */
  public static final String CHECKPOINT_DIR = "_checkpoints";

  /** Quadrant centre: the training split's median valence and arousal. */
  public static final String CENTRE_DEFAULT = "median";
  /** Split column value of the training rows. */
  public static final String TRAIN_SPLIT_DEFAULT = "train";
  /** Split column value of the validation rows. */
  public static final String VALIDATION_SPLIT_DEFAULT = "validation";
  /** Split column value of the held-out test rows. */
  public static final String TEST_SPLIT_DEFAULT = "test";
  /** Songs grouped by artist into splits and folds, so the held-out songs are by artists the model never saw. */
  public static final SongSplits.By SPLIT_BY_DEFAULT = SongSplits.By.ARTIST;
  /** Seed of the hash split and the folds. */
  public static final long SEED_DEFAULT = 42L;
  /** 0: search on the validation split. */
  public static final int FOLDS_DEFAULT = 0;
  /** Trials fitted at once. */
  public static final int PARALLELISM_DEFAULT = 2;

  private final InputSpec input;
  private final String out;
  private final String centre;
  private final String quadrantColumn;
  private final CleaningProfile profile;
  private final int minCleanChars;
  private final int maxRawChars;
  private final String trainSplit;
  private final String validationSplit;
  private final String testSplit;
  private final SongSplits.By splitBy;
  private final long seed;
  private final int folds;
  private final SearchSpace search;
  private final int parallelism;
  private final boolean refitWithValidation;

  private TrainConfig(Builder b) {
    input = Objects.requireNonNull(b.input, "train needs an input");
    out = Objects.requireNonNull(b.out, "train needs an output directory");
    centre = b.centre;
    quadrantColumn = b.quadrantColumn;
    profile = b.profile;
    minCleanChars = b.minCleanChars;
    maxRawChars = b.maxRawChars;
    trainSplit = b.trainSplit;
    validationSplit = b.validationSplit;
    testSplit = b.testSplit;
    splitBy = b.splitBy;
    seed = b.seed;
    folds = b.folds;
    search = b.search;
    parallelism = b.parallelism;
    refitWithValidation = b.refitWithValidation;
  }

  /** Every setting at its default; {@code input} and {@code out} must be set before {@link Builder#build()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's settings, to change some of them. */
  public Builder toBuilder() {
    return new Builder().input(input).out(out).centre(centre).quadrantColumn(quadrantColumn).profile(profile)
        .minCleanChars(minCleanChars).maxRawChars(maxRawChars).trainSplit(trainSplit)
        .validationSplit(validationSplit).testSplit(testSplit).splitBy(splitBy).seed(seed).folds(folds).search(search)
        .parallelism(parallelism).refitWithValidation(refitWithValidation);
  }

  public InputSpec input() { return input; }

  public String out() { return out; }

  public String centre() { return centre; }

  /** A column holding the quadrant itself, or null to derive it from valence and arousal. */
  public String quadrantColumn() { return quadrantColumn; }

  public CleaningProfile profile() { return profile; }

  public int minCleanChars() { return minCleanChars; }

  public int maxRawChars() { return maxRawChars; }

  public String trainSplit() { return trainSplit; }

  public String validationSplit() { return validationSplit; }

  public String testSplit() { return testSplit; }

  public SongSplits.By splitBy() { return splitBy; }

  /** How the songs are split: the grouping, the seed and the split values, as the provenance records it. */
  public SongSplits.Rule splits() { return new SongSplits.Rule(splitBy, seed, trainSplit, validationSplit, testSplit); }

  public long seed() { return seed; }

  public int folds() { return folds; }

  public SearchSpace search() { return search; }

  public int parallelism() { return parallelism; }

  /** True: the chosen configuration is refitted on train + validation; false: on train only. */
  public boolean refitWithValidation() { return refitWithValidation; }

  /** Named settings; every one but {@code input} and {@code out} starts at its default. */
  public static final class Builder {
    private InputSpec input;
    private String out;
    private String centre = CENTRE_DEFAULT;
    private String quadrantColumn;
    private CleaningProfile profile = CleaningProfile.FULL;
    private int minCleanChars = LyricsScreen.MIN_CLEAN_CHARS_DEFAULT;
    private int maxRawChars = LyricsScreen.MAX_RAW_CHARS_DEFAULT;
    private String trainSplit = TRAIN_SPLIT_DEFAULT;
    private String validationSplit = VALIDATION_SPLIT_DEFAULT;
    private String testSplit = TEST_SPLIT_DEFAULT;
    private SongSplits.By splitBy = SPLIT_BY_DEFAULT;
    private long seed = SEED_DEFAULT;
    private int folds = FOLDS_DEFAULT;
    private SearchSpace search = SearchSpace.defaults();
    private int parallelism = PARALLELISM_DEFAULT;
    private boolean refitWithValidation = true;

    private Builder() {
    }

    public Builder input(InputSpec value) { input = value; return this; }

    /** The run's directory: model/, report/, quarantine/ are written under it. */
    public Builder out(String value) { out = value; return this; }

    public Builder centre(String value) { centre = value; return this; }

    public Builder quadrantColumn(String value) { quadrantColumn = value; return this; }

    public Builder profile(CleaningProfile value) { profile = value; return this; }

    public Builder minCleanChars(int value) { minCleanChars = value; return this; }

    public Builder maxRawChars(int value) { maxRawChars = value; return this; }

    public Builder trainSplit(String value) { trainSplit = value; return this; }

    public Builder validationSplit(String value) { validationSplit = value; return this; }

    public Builder testSplit(String value) { testSplit = value; return this; }

    public Builder splitBy(SongSplits.By value) { splitBy = Objects.requireNonNull(value); return this; }

    public Builder seed(long value) { seed = value; return this; }

    public Builder folds(int value) { folds = value; return this; }

    public Builder search(SearchSpace value) { search = value; return this; }

    public Builder parallelism(int value) { parallelism = value; return this; }

    public Builder refitWithValidation(boolean value) { refitWithValidation = value; return this; }

    public TrainConfig build() {
      return new TrainConfig(this);
    }
  }
}
