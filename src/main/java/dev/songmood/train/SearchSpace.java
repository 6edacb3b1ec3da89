package dev.songmood.train;

import java.util.List;
import java.util.Locale;

/**
 * What {@code train} searches: which classifier families, each family's grid, and the encoder configurations
 * (model x chunk budget) whose song vectors the encoder families use, and optionally catalog priors (artist,
 * genre) searched on top of the best lyrics models. Encoding is the expensive step, so songs
 * are encoded once per encoder configuration and every classifier trial on it reuses the vectors.
 */
public record SearchSpace(
    List<String> families,
    List<Integer> vocabSizes,
    List<Integer> minDocFreqs,
    List<Double> regParams,
    List<Double> elasticNets,
    int maxIter,
    List<String> encoders,
    List<Integer> chunkTokens,
    int chunkOverlap,
    String songPooling,
    int encodeBatchSize,
    List<Double> encoderRegParams,
    List<Integer> mlpHidden,
    List<Integer> mlpEpochs,
    List<Integer> mlpBlockSizes,
    List<Double> ensembleWeights,
    PriorSpace priors,
    FineTuneSpace fineTune) {

  public static final List<String> FAMILIES = List.of(TfidfClassifier.NAME, EncoderLogRegParams.NAME,
      EncoderMlpParams.NAME, EnsembleSpec.NAME, CoordinateParams.NAME, FineTuneSpec.NAME);

  /** The families that classify the pre-trained (frozen) encoder's song vectors. */
  public static final List<String> FROZEN_ENCODER_FAMILIES = List.of(EncoderLogRegParams.NAME, EncoderMlpParams.NAME,
      CoordinateParams.NAME);

  public SearchSpace {
    families = families.stream().map(f -> f.trim().toLowerCase(Locale.ROOT)).toList();
    for (String f : families) {
      if (!FAMILIES.contains(f)) {
        throw new IllegalArgumentException("unknown classifier family '" + f + "' (expected one of " + FAMILIES + ")");
      }
    }
    if (families.isEmpty()) {
      throw new IllegalArgumentException("no classifier family to search");
    }
    if (families.stream().anyMatch(FROZEN_ENCODER_FAMILIES::contains) && (encoders.isEmpty() || chunkTokens.isEmpty())) {
      throw new IllegalArgumentException("encoder families need at least one encoder and one chunk budget");
    }
    if (families.contains(EnsembleSpec.NAME) && !families.contains(TfidfClassifier.NAME)) {
      throw new IllegalArgumentException("the ensemble averages the TF-IDF model with an encoder model: "
          + "search tfidf-logreg too");
    }
  }

  /** The TF-IDF baseline alone, as in the foundation. */
  public static SearchSpace tfidfOnly(List<Integer> vocabSizes, List<Double> regParams) {
    return defaults().with(List.of(TfidfClassifier.NAME), vocabSizes, regParams);
  }

  public static SearchSpace defaults() {
    return new SearchSpace(List.of(TfidfClassifier.NAME), List.of(5000, 20000), List.of(2),
        List.of(0.0003, 0.001, 0.003, 0.01), List.of(0.0), 100,
        List.of("all-minilm-l6-v2-q"), List.of(256), 0, "mean", 1,
        List.of(0.01, 0.03, 0.1, 0.3), List.of(64), List.of(100), List.of(128), List.of(0.3, 0.5, 0.7),
        PriorSpace.none(), FineTuneSpace.defaults());
  }

  public SearchSpace with(List<String> families, List<Integer> vocabSizes, List<Double> regParams) {
    return new SearchSpace(families, vocabSizes, minDocFreqs, regParams, elasticNets, maxIter, encoders, chunkTokens,
        chunkOverlap, songPooling, encodeBatchSize, encoderRegParams, mlpHidden, mlpEpochs, mlpBlockSizes,
        ensembleWeights, priors, fineTune);
  }

  /** Whether songs must be encoded with the pre-trained encoders (for the frozen-encoder families). */
  public boolean usesEncoder() {
    return families.stream().anyMatch(FROZEN_ENCODER_FAMILIES::contains);
  }

  public boolean fineTunes() {
    return families.contains(FineTuneSpec.NAME);
  }

  public List<TfidfParams> tfidfGrid() {
    return TfidfParams.grid(vocabSizes, minDocFreqs, regParams, elasticNets, maxIter);
  }
}
