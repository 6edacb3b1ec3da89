package dev.songmood.train;

import dev.songmood.finetune.FineTuneParams;
import dev.songmood.finetune.Recipe;
import java.util.List;

/**
 * What {@code train} searches for the {@value FineTuneSpec#NAME} family: base encoders and the grid the original
 * project searched (learning rate, tokens per chunk, batch size, epochs), with the fixed {@link Recipe}. Defaults
 * live in {@link FineTuneParams} and {@link Recipe}.
 */
public record FineTuneSpace(List<String> encoders, List<Double> learningRates, List<Integer> maxTokens,
    List<Integer> batchSizes, List<Integer> epochs, Recipe recipe) {

  public FineTuneSpace {
    if (encoders.isEmpty() || learningRates.isEmpty() || maxTokens.isEmpty() || batchSizes.isEmpty()
        || epochs.isEmpty()) {
      throw new IllegalArgumentException("the fine-tuning grid needs at least one value of each setting");
    }
    encoders.forEach(dev.songmood.encode.finetuned.BaseEncoder::of);
  }

  public static FineTuneSpace defaults() {
    return new FineTuneSpace(FineTuneParams.ENCODERS, FineTuneParams.LEARNING_RATES, FineTuneParams.MAX_TOKENS,
        FineTuneParams.BATCH_SIZES, FineTuneParams.EPOCHS, Recipe.defaults());
  }

  public List<FineTuneParams> grid(long seed) {
    return FineTuneParams.grid(encoders, learningRates, maxTokens, batchSizes, epochs, seed, recipe);
  }
}
