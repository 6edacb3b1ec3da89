package dev.songmood.finetune;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One point of the fine-tuning search: the base encoder and the searched hyperparameters (those the original
 * project searched: learning rate, tokens per chunk, batch size, epochs), with the fixed {@link Recipe}.
 *
 * @param encoder base encoder id (fp32: all-minilm-l6-v2 or bge-small-en-v15)
 * @param learningRate peak AdamW learning rate
 * @param maxTokens most WordPiece tokens per chunk (without [CLS]/[SEP])
 * @param batchSize chunks per training step (per worker)
 * @param epochs most epochs; early stopping on validation macro-F1 may end sooner
 * @param seed seeds shuffling, dropout and the heads' initialisation
 */
public record FineTuneParams(String encoder, double learningRate, int maxTokens, int batchSize, int epochs, long seed,
    Recipe recipe) implements Serializable {

  public static final List<String> ENCODERS = List.of("all-minilm-l6-v2");
  public static final List<Double> LEARNING_RATES = List.of(5e-5);
  public static final List<Integer> MAX_TOKENS = List.of(128);
  public static final List<Integer> BATCH_SIZES = List.of(16);
  public static final List<Integer> EPOCHS = List.of(3);

  public FineTuneParams {
    Recipe.require(learningRate > 0 && learningRate < 1, "learning rate must be in (0, 1)");
    Recipe.require(maxTokens >= 8 && maxTokens <= 510, "max tokens must be 8..510");
    Recipe.require(batchSize >= 1, "batch size must be at least 1");
    Recipe.require(epochs >= 1, "epochs must be at least 1");
  }

  /** Shown in the trials table and recorded in provenance. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("encoder", encoder);
    m.put("learning_rate", learningRate);
    m.put("max_tokens", maxTokens);
    m.put("batch_size", batchSize);
    m.put("epochs", epochs);
    m.put("trainable_layers", recipe.trainableLayers());
    m.put("warmup_fraction", recipe.warmupFraction());
    m.put("weight_decay", recipe.weightDecay());
    m.put("clip_norm", recipe.clipNorm());
    m.put("dropout", recipe.dropout());
    m.put("regression_weight", recipe.regressionWeight());
    m.put("patience", recipe.patience());
    m.put("max_chunks_per_song", recipe.maxChunksPerSong());
    m.put("seed", seed);
    return m;
  }

  /** Every combination of the searched values, in order (encoder outermost). */
  public static List<FineTuneParams> grid(List<String> encoders, List<Double> rates, List<Integer> tokens,
      List<Integer> batches, List<Integer> epochs, long seed, Recipe recipe) {
    List<FineTuneParams> out = new java.util.ArrayList<>();
    for (String e : encoders) {
      for (int t : tokens) {
        for (int b : batches) {
          for (double r : rates) {
            for (int n : epochs) {
              out.add(new FineTuneParams(e, r, t, b, n, seed, recipe));
            }
          }
        }
      }
    }
    return out;
  }
}
