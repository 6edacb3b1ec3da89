package dev.songmood.finetune;

import java.io.Serializable;

/**
 * The fixed part of a fine-tuning run (what the search does not vary). Every default lives here and is what the
 * {@code train} options' help and the README quote.
 *
 * @param trainableLayers top encoder layers that are trained (the rest and the embeddings stay pre-trained, and only
 *     these are saved in the model)
 * @param warmupFraction share of the steps over which the learning rate ramps up, before it decays linearly to 0
 * @param weightDecay AdamW's decoupled weight decay (matrices only)
 * @param clipNorm global gradient-norm clipping threshold
 * @param dropout dropout in the encoder and before the heads
 * @param regressionWeight weight of the valence/arousal loss beside the quadrant loss (0: quadrant only)
 * @param patience epochs without a better validation macro-F1 before training stops
 * @param maxChunksPerSong most chunks of one song used for training (0: all); labelling always reads every chunk
 * @param workers training tasks (data-parallel shares); 0: one per executor slot of the cluster
 */
public record Recipe(int trainableLayers, double warmupFraction, double weightDecay, double clipNorm, double dropout,
    double regressionWeight, int patience, int maxChunksPerSong, int workers) implements Serializable {

  public static final int TRAINABLE_LAYERS = 3;
  public static final double WARMUP_FRACTION = 0.1;
  public static final double WEIGHT_DECAY = 0.01;
  public static final double CLIP_NORM = 1.0;
  public static final double DROPOUT = 0.1;
  public static final double REGRESSION_WEIGHT = 0.5;
  public static final int PATIENCE = 1;
  public static final int MAX_CHUNKS_PER_SONG = 0;
  public static final int WORKERS = 0;

  public Recipe {
    require(trainableLayers >= 1, "trainable layers must be at least 1");
    require(warmupFraction >= 0 && warmupFraction < 1, "warm-up fraction must be in [0, 1)");
    require(weightDecay >= 0, "weight decay must be at least 0");
    require(clipNorm > 0, "the gradient clipping norm must be above 0");
    require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1)");
    require(regressionWeight >= 0, "the regression weight must be at least 0");
    require(patience >= 1, "patience must be at least 1 epoch");
    require(maxChunksPerSong >= 0, "max chunks per song must be at least 0 (0: all)");
    require(workers >= 0, "workers must be at least 0 (0: one per executor slot)");
  }

  public static Recipe defaults() {
    return new Recipe(TRAINABLE_LAYERS, WARMUP_FRACTION, WEIGHT_DECAY, CLIP_NORM, DROPOUT, REGRESSION_WEIGHT,
        PATIENCE, MAX_CHUNKS_PER_SONG, WORKERS);
  }

  public Recipe withTrainableLayers(int value) {
    return new Recipe(value, warmupFraction, weightDecay, clipNorm, dropout, regressionWeight, patience,
        maxChunksPerSong, workers);
  }

  public Recipe withDropout(double value) {
    return new Recipe(trainableLayers, warmupFraction, weightDecay, clipNorm, value, regressionWeight, patience,
        maxChunksPerSong, workers);
  }

  public Recipe withRegressionWeight(double value) {
    return new Recipe(trainableLayers, warmupFraction, weightDecay, clipNorm, dropout, value, patience,
        maxChunksPerSong, workers);
  }

  public Recipe withPatience(int value) {
    return new Recipe(trainableLayers, warmupFraction, weightDecay, clipNorm, dropout, regressionWeight, value,
        maxChunksPerSong, workers);
  }

  public Recipe withMaxChunksPerSong(int value) {
    return new Recipe(trainableLayers, warmupFraction, weightDecay, clipNorm, dropout, regressionWeight, patience,
        value, workers);
  }

  public Recipe withWorkers(int value) {
    return new Recipe(trainableLayers, warmupFraction, weightDecay, clipNorm, dropout, regressionWeight, patience,
        maxChunksPerSong, value);
  }

  static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
