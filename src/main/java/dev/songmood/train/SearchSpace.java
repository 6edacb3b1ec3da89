package dev.songmood.train;

import dev.songmood.encode.EncoderModel;
import java.util.List;
import java.util.Locale;

/**
 * What {@code train} searches: which classifier families, each family's grid, and the encoder configurations
 * (model x chunk budget) whose song vectors the encoder families use, and optionally catalog priors (artist,
 * genre) searched on top of the best lyrics models. Encoding is the expensive step, so songs
 * are encoded once per encoder configuration and every classifier trial on it reuses the vectors.
 *
 * <p>Built by name, never by position: {@code SearchSpace.builder().vocabSizes(...).regParams(...).build()}; a setting
 * left unset takes its {@code _DEFAULT} constant below, which {@code train --help} shows too. {@link #toBuilder()}
 * copies a space to change some settings.
 */
public final class SearchSpace {
  public static final List<String> FAMILIES = List.of(TfidfClassifier.NAME, EncoderLogRegSpec.NAME,
      EncoderMlpSpec.NAME, EnsembleSpec.NAME, CoordinateSpec.NAME, FineTuneSpec.NAME);

  /** The families that classify the pre-trained (frozen) encoder's song vectors. */
  public static final List<String> FROZEN_ENCODER_FAMILIES = List.of(EncoderLogRegSpec.NAME, EncoderMlpSpec.NAME,
      CoordinateSpec.NAME);

  /** Classifier families searched: the TF-IDF baseline alone. */
  public static final List<String> FAMILIES_DEFAULT = List.of(TfidfClassifier.NAME);
  /** TF-IDF grid: CountVectorizer vocabulary sizes. */
  public static final List<Integer> VOCAB_SIZES_DEFAULT = List.of(5000, 20000);
  /** TF-IDF grid: minimum document frequencies of a term. */
  public static final List<Integer> MIN_DOC_FREQS_DEFAULT = List.of(2);
  /** TF-IDF grid: L2 regularisation of the logistic regression. */
  public static final List<Double> REG_PARAMS_DEFAULT = List.of(0.0003, 0.001, 0.003, 0.01);
  /** TF-IDF grid: elastic-net mixing (0 = L2, 1 = L1). */
  public static final List<Double> ELASTIC_NETS_DEFAULT = List.of(0.0);
  /** TF-IDF grid: hand-made features appended to TF-IDF ({@link ExtraFeatures}): none, lexicon, style, lexicon+style. */
  public static final List<String> EXTRA_FEATURES_DEFAULT = List.of(ExtraFeatures.NONE.id());
  /** Logistic regression iterations. */
  public static final int MAX_ITER_DEFAULT = 100;
  /** Encoder grid: the pre-trained encoders whose song vectors the frozen-encoder families classify. */
  public static final List<String> ENCODERS_DEFAULT = List.of(EncoderModel.DEFAULT_ID);
  /** Encoder grid: most WordPiece tokens per chunk. */
  public static final List<Integer> CHUNK_TOKENS_DEFAULT = List.of(EncoderModel.CHUNK_TOKENS_DEFAULT);
  /** Tokens shared by consecutive chunks. */
  public static final int CHUNK_OVERLAP_DEFAULT = 0;
  /** How a song's chunk vectors become one vector: mean (token-weighted), max or first. */
  public static final String SONG_POOLING_DEFAULT = "mean";
  /** Chunks per ONNX Runtime call: on CPU, padding a batch to its longest chunk costs more than batching saves. */
  public static final int ENCODE_BATCH_SIZE_DEFAULT = 1;
  /** encoder-logreg and encoder-coordinates grid: L2 regularisation on the standardised song vectors. */
  public static final List<Double> ENCODER_REG_PARAMS_DEFAULT = List.of(0.01, 0.03, 0.1, 0.3);
  /**
   * encoder-coordinates grid: where the predicted plane is cut, in standard deviations of the training songs'
   * predicted valence (and arousal) from the training centre; every pair is searched.
   */
  public static final List<Double> COORDINATE_SHIFTS_DEFAULT = List.of(-0.5, 0.0, 0.5);
  /** encoder-mlp grid: hidden units. */
  public static final List<Integer> MLP_HIDDEN_DEFAULT = List.of(64);
  /** encoder-mlp grid: iterations (epochs). */
  public static final List<Integer> MLP_EPOCHS_DEFAULT = List.of(100);
  /** encoder-mlp grid: batch (block) sizes. */
  public static final List<Integer> MLP_BLOCK_SIZES_DEFAULT = List.of(128);
  /** ensemble grid: weight of the TF-IDF model's probabilities. */
  public static final List<Double> ENSEMBLE_WEIGHTS_DEFAULT = List.of(0.3, 0.5, 0.7);
  // Catalog priors default to none (PriorSpace.none()), fine-tuning to FineTuneSpace.defaults().

  private final List<String> families;
  private final List<Integer> vocabSizes;
  private final List<Integer> minDocFreqs;
  private final List<Double> regParams;
  private final List<Double> elasticNets;
  private final List<ExtraFeatures> extraFeatures;
  private final int maxIter;
  private final List<String> encoders;
  private final List<Integer> chunkTokens;
  private final int chunkOverlap;
  private final String songPooling;
  private final int encodeBatchSize;
  private final List<Double> encoderRegParams;
  private final List<Double> coordinateShifts;
  private final List<Integer> mlpHidden;
  private final List<Integer> mlpEpochs;
  private final List<Integer> mlpBlockSizes;
  private final List<Double> ensembleWeights;
  private final PriorSpace priors;
  private final FineTuneSpace fineTune;

  private SearchSpace(Builder b) {
    families = b.families.stream().map(f -> f.trim().toLowerCase(Locale.ROOT)).toList();
    for (String f : families) {
      if (!FAMILIES.contains(f)) {
        throw new IllegalArgumentException("unknown classifier family '" + f + "' (expected one of " + FAMILIES + ")");
      }
    }
    if (families.isEmpty()) {
      throw new IllegalArgumentException("no classifier family to search");
    }
    if (families.stream().anyMatch(FROZEN_ENCODER_FAMILIES::contains)
        && (b.encoders.isEmpty() || b.chunkTokens.isEmpty())) {
      throw new IllegalArgumentException("encoder families need at least one encoder and one chunk budget");
    }
    if (families.contains(EnsembleSpec.NAME) && !families.contains(TfidfClassifier.NAME)) {
      throw new IllegalArgumentException("the ensemble averages the TF-IDF model with an encoder model: "
          + "search tfidf-logreg too");
    }
    vocabSizes = List.copyOf(b.vocabSizes);
    minDocFreqs = List.copyOf(b.minDocFreqs);
    regParams = List.copyOf(b.regParams);
    elasticNets = List.copyOf(b.elasticNets);
    extraFeatures = b.extraFeatures.stream().map(ExtraFeatures::parse).distinct().toList();
    if (extraFeatures.isEmpty()) {
      throw new IllegalArgumentException("no extra-features setting to search (none is one)");
    }
    maxIter = b.maxIter;
    encoders = List.copyOf(b.encoders);
    chunkTokens = List.copyOf(b.chunkTokens);
    chunkOverlap = b.chunkOverlap;
    songPooling = b.songPooling;
    encodeBatchSize = b.encodeBatchSize;
    encoderRegParams = List.copyOf(b.encoderRegParams);
    coordinateShifts = List.copyOf(b.coordinateShifts);
    if (coordinateShifts.isEmpty()) {
      throw new IllegalArgumentException("no coordinate shift to search (0 keeps the training centre)");
    }
    mlpHidden = List.copyOf(b.mlpHidden);
    mlpEpochs = List.copyOf(b.mlpEpochs);
    mlpBlockSizes = List.copyOf(b.mlpBlockSizes);
    ensembleWeights = List.copyOf(b.ensembleWeights);
    priors = b.priors;
    fineTune = b.fineTune;
  }

  /** Every setting at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** The defaults: the TF-IDF baseline alone. */
  public static SearchSpace defaults() {
    return builder().build();
  }

  /** A builder holding this space's settings, to change some of them. */
  public Builder toBuilder() {
    return new Builder().families(families).vocabSizes(vocabSizes).minDocFreqs(minDocFreqs).regParams(regParams)
        .elasticNets(elasticNets).extraFeatures(extraFeatures.stream().map(ExtraFeatures::id).toList())
        .maxIter(maxIter).encoders(encoders).chunkTokens(chunkTokens)
        .chunkOverlap(chunkOverlap).songPooling(songPooling).encodeBatchSize(encodeBatchSize)
        .encoderRegParams(encoderRegParams).coordinateShifts(coordinateShifts).mlpHidden(mlpHidden)
        .mlpEpochs(mlpEpochs).mlpBlockSizes(mlpBlockSizes)
        .ensembleWeights(ensembleWeights).priors(priors).fineTune(fineTune);
  }

  public List<String> families() { return families; }

  public List<Integer> vocabSizes() { return vocabSizes; }

  public List<Integer> minDocFreqs() { return minDocFreqs; }

  public List<Double> regParams() { return regParams; }

  public List<Double> elasticNets() { return elasticNets; }

  public List<ExtraFeatures> extraFeatures() { return extraFeatures; }

  public int maxIter() { return maxIter; }

  public List<String> encoders() { return encoders; }

  public List<Integer> chunkTokens() { return chunkTokens; }

  public int chunkOverlap() { return chunkOverlap; }

  public String songPooling() { return songPooling; }

  public int encodeBatchSize() { return encodeBatchSize; }

  public List<Double> encoderRegParams() { return encoderRegParams; }
  public List<Double> coordinateShifts() { return coordinateShifts; }

  public List<Integer> mlpHidden() { return mlpHidden; }

  public List<Integer> mlpEpochs() { return mlpEpochs; }

  public List<Integer> mlpBlockSizes() { return mlpBlockSizes; }

  public List<Double> ensembleWeights() { return ensembleWeights; }

  public PriorSpace priors() { return priors; }

  public FineTuneSpace fineTune() { return fineTune; }

  /** Whether songs must be encoded with the pre-trained encoders (for the frozen-encoder families). */
  public boolean usesEncoder() {
    return families.stream().anyMatch(FROZEN_ENCODER_FAMILIES::contains);
  }

  public boolean fineTunes() {
    return families.contains(FineTuneSpec.NAME);
  }

  public List<TfidfSpec> tfidfGrid() {
    return TfidfSpec.grid(vocabSizes, minDocFreqs, regParams, elasticNets, maxIter, extraFeatures);
  }

  /** Named settings, each starting at its {@code _DEFAULT}; {@link #build()} checks them together. */
  public static final class Builder {
    private List<String> families = FAMILIES_DEFAULT;
    private List<Integer> vocabSizes = VOCAB_SIZES_DEFAULT;
    private List<Integer> minDocFreqs = MIN_DOC_FREQS_DEFAULT;
    private List<Double> regParams = REG_PARAMS_DEFAULT;
    private List<Double> elasticNets = ELASTIC_NETS_DEFAULT;
    private List<String> extraFeatures = EXTRA_FEATURES_DEFAULT;
    private int maxIter = MAX_ITER_DEFAULT;
    private List<String> encoders = ENCODERS_DEFAULT;
    private List<Integer> chunkTokens = CHUNK_TOKENS_DEFAULT;
    private int chunkOverlap = CHUNK_OVERLAP_DEFAULT;
    private String songPooling = SONG_POOLING_DEFAULT;
    private int encodeBatchSize = ENCODE_BATCH_SIZE_DEFAULT;
    private List<Double> encoderRegParams = ENCODER_REG_PARAMS_DEFAULT;
    private List<Double> coordinateShifts = COORDINATE_SHIFTS_DEFAULT;
    private List<Integer> mlpHidden = MLP_HIDDEN_DEFAULT;
    private List<Integer> mlpEpochs = MLP_EPOCHS_DEFAULT;
    private List<Integer> mlpBlockSizes = MLP_BLOCK_SIZES_DEFAULT;
    private List<Double> ensembleWeights = ENSEMBLE_WEIGHTS_DEFAULT;
    private PriorSpace priors = PriorSpace.none();
    private FineTuneSpace fineTune = FineTuneSpace.defaults();

    private Builder() {
    }

    public Builder families(List<String> value) { families = value; return this; }

    public Builder vocabSizes(List<Integer> value) { vocabSizes = value; return this; }

    public Builder minDocFreqs(List<Integer> value) { minDocFreqs = value; return this; }

    public Builder regParams(List<Double> value) { regParams = value; return this; }

    public Builder elasticNets(List<Double> value) { elasticNets = value; return this; }

    public Builder extraFeatures(List<String> value) { extraFeatures = value; return this; }

    public Builder maxIter(int value) { maxIter = value; return this; }

    public Builder encoders(List<String> value) { encoders = value; return this; }

    public Builder chunkTokens(List<Integer> value) { chunkTokens = value; return this; }

    public Builder chunkOverlap(int value) { chunkOverlap = value; return this; }

    public Builder songPooling(String value) { songPooling = value; return this; }

    public Builder encodeBatchSize(int value) { encodeBatchSize = value; return this; }

    public Builder encoderRegParams(List<Double> value) { encoderRegParams = value; return this; }
    public Builder coordinateShifts(List<Double> value) { coordinateShifts = value; return this; }

    public Builder mlpHidden(List<Integer> value) { mlpHidden = value; return this; }

    public Builder mlpEpochs(List<Integer> value) { mlpEpochs = value; return this; }

    public Builder mlpBlockSizes(List<Integer> value) { mlpBlockSizes = value; return this; }

    public Builder ensembleWeights(List<Double> value) { ensembleWeights = value; return this; }

    public Builder priors(PriorSpace value) { priors = value; return this; }

    public Builder fineTune(FineTuneSpace value) { fineTune = value; return this; }

    public SearchSpace build() {
      return new SearchSpace(this);
    }
  }
}
