package dev.songmood.encode.finetuned;

import java.io.Serializable;

/**
 * The shape of a BERT encoder (HuggingFace's BertModel: post-LayerNorm, exact GELU, learned absolute positions).
 * Read from the weights themselves ({@link #of}), so the same code serves MiniLM-L6 (6 layers) and bge-small (12).
 */
public record BertConfig(int vocab, int hidden, int heads, int intermediate, int layers, int maxPositions,
    int typeVocab, float layerNormEps) implements Serializable {

  /** Head width of the encoders the job ships (MiniLM-L6 and bge-small: 384 wide, 12 heads of 32). */
  public static final int HEAD_WIDTH = 32;

  public BertConfig {
    if (hidden % heads != 0) {
      throw new IllegalArgumentException("hidden size " + hidden + " is not a multiple of " + heads + " heads");
    }
  }

  /** The architecture the given HuggingFace-named weights describe. */
  public static BertConfig of(NamedTensors weights, float layerNormEps) {
    long[] words = weights.get("embeddings.word_embeddings.weight").shape();
    long[] positions = weights.get("embeddings.position_embeddings.weight").shape();
    long[] types = weights.get("embeddings.token_type_embeddings.weight").shape();
    long[] inter = weights.get("encoder.layer.0.intermediate.dense.weight").shape();
    int layers = 0;
    while (weights.has("encoder.layer." + layers + ".output.dense.weight")) {
      layers++;
    }
    int hidden = (int) words[1];
    return new BertConfig((int) words[0], hidden, hidden / HEAD_WIDTH, (int) inter[0], layers, (int) positions[0],
        (int) types[0], layerNormEps);
  }

  /** A small random-weight BERT for tests of the training loop: {@code layers} layers, width 32, 2 heads. */
  public static BertConfig tiny(int vocab, int layers) {
    return new BertConfig(vocab, 32, 2, 64, layers, 128, 2, 1e-12f);
  }

  /** Name prefix of layer {@code i}'s weights. */
  public static String layerPrefix(int i) {
    return "encoder.layer." + i + ".";
  }
}
