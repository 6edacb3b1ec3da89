package dev.songmood.finetune;

import dev.songmood.encode.EncoderModel;
import dev.songmood.encode.finetuned.BaseEncoder;
import dev.songmood.encode.finetuned.BertConfig;
import dev.songmood.encode.finetuned.NamedTensors;
import java.util.Random;

/**
 * A tiny BERT with seeded random weights (width 32, 2 heads), for tests of the training loop: the same weights in
 * every JVM, no jar needed, a step in milliseconds. Ids 1 and 2 frame a chunk as [CLS] and [SEP].
 */
final class RandomEncoder implements BaseEncoder {
  private static final long serialVersionUID = 1L;
  static final int VOCAB = 64;

  private final int layers;
  private final long seed;

  RandomEncoder(int layers, long seed) {
    this.layers = layers;
    this.seed = seed;
  }

  @Override
  public String id() { return "random-bert-" + layers + "-" + seed; }

  @Override
  public EncoderModel.Pooling pooling() { return EncoderModel.Pooling.MEAN; }

  @Override
  public BertConfig config() { return BertConfig.tiny(VOCAB, layers); }

  @Override
  public NamedTensors weights() {
    BertConfig c = config();
    Random r = new Random(seed);
    NamedTensors w = new NamedTensors();
    w.put("embeddings.word_embeddings.weight", normal(r, c.vocab(), c.hidden()));
    w.put("embeddings.position_embeddings.weight", normal(r, c.maxPositions(), c.hidden()));
    w.put("embeddings.token_type_embeddings.weight", normal(r, c.typeVocab(), c.hidden()));
    norm(w, "embeddings.LayerNorm", c.hidden());
    for (int i = 0; i < c.layers(); i++) {
      String p = BertConfig.layerPrefix(i);
      for (String d : new String[] {"attention.self.query", "attention.self.key", "attention.self.value",
          "attention.output.dense"}) {
        dense(w, r, p + d, c.hidden(), c.hidden());
      }
      norm(w, p + "attention.output.LayerNorm", c.hidden());
      dense(w, r, p + "intermediate.dense", c.intermediate(), c.hidden());
      dense(w, r, p + "output.dense", c.hidden(), c.intermediate());
      norm(w, p + "output.LayerNorm", c.hidden());
    }
    return w;
  }

  @Override
  public String weightsSha256() { return weights().sha256(); }

  @Override
  public long[] frame(long[] chunkIds) {
    long[] out = new long[chunkIds.length + 2];
    out[0] = 1;
    System.arraycopy(chunkIds, 0, out, 1, chunkIds.length);
    out[out.length - 1] = 2;
    return out;
  }

  /** Words to ids by hash (ids 3..VOCAB-1), cut every {@code maxTokens} words. */
  @Override
  public java.util.List<long[]> chunks(String text, int maxTokens) {
    String[] words = text == null ? new String[0] : text.trim().toLowerCase().split("\\s+");
    java.util.List<long[]> out = new java.util.ArrayList<>();
    for (int from = 0; from < words.length && !words[0].isEmpty(); from += maxTokens) {
      long[] ids = new long[Math.min(maxTokens, words.length - from)];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = 3 + Math.floorMod(words[from + i].hashCode(), VOCAB - 3);
      }
      out.add(ids);
    }
    return out;
  }

  private static NamedTensors.Tensor normal(Random r, int rows, int cols) {
    float[] d = new float[rows * cols];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (r.nextGaussian() * 0.2);
    }
    return new NamedTensors.Tensor(new long[] {rows, cols}, d);
  }

  private static void dense(NamedTensors w, Random r, String name, int out, int in) {
    w.put(name + ".weight", normal(r, out, in));
    w.put(name + ".bias", new long[] {out}, new float[out]);
  }

  private static void norm(NamedTensors w, String name, int width) {
    float[] ones = new float[width];
    java.util.Arrays.fill(ones, 1f);
    w.put(name + ".weight", new long[] {width}, ones);
    w.put(name + ".bias", new long[] {width}, new float[width]);
  }
}
