package dev.songmood.encode.finetuned;

import dev.songmood.encode.Chunker;
import dev.songmood.encode.EncoderModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One of the shipped fp32 encoders ({@link EncoderModel}), its weights read from the ONNX file in its Maven jar. */
public final class PretrainedEncoder implements BaseEncoder {
  private static final long serialVersionUID = 1L;
  private static final Map<EncoderModel, NamedTensors> WEIGHTS = new ConcurrentHashMap<>();
  private static final Map<EncoderModel, Float> EPSILON = new ConcurrentHashMap<>();
  private static final Map<EncoderModel, String> SHA256 = new ConcurrentHashMap<>();
  private static final Map<EncoderModel, long[][]> FRAMES = new ConcurrentHashMap<>();
  private static final Map<EncoderModel, Chunker> CHUNKERS = new ConcurrentHashMap<>();

  private final EncoderModel model;

  public PretrainedEncoder(EncoderModel model) {
    if (model.quantized()) {
      throw new IllegalArgumentException("cannot fine-tune " + model.id() + ": it is int8-quantised; use "
          + model.id().replaceFirst("-q$", "") + " (fp32)");
    }
    this.model = model;
  }

  public EncoderModel model() { return model; }

  @Override
  public String id() { return model.id(); }

  @Override
  public EncoderModel.Pooling pooling() { return model.pooling(); }

  @Override
  public BertConfig config() {
    return BertConfig.of(weights(), EPSILON.get(model));
  }

  @Override
  public NamedTensors weights() {
    return WEIGHTS.computeIfAbsent(model, m -> {
      OnnxGraph graph = OnnxGraph.of(m);
      EPSILON.put(m, graph.layerNormEpsilon());
      return graph.weights();
    });
  }

  @Override
  public String weightsSha256() {
    return SHA256.computeIfAbsent(model, PretrainedEncoder::sha256);
  }

  @Override
  public long[] frame(long[] chunkIds) {
    long[][] specials = FRAMES.computeIfAbsent(model, m -> {
      Chunker chunker = Chunker.forModel(m);
      long[] empty = chunker.tokenizer().encode("", true, false).getIds();
      return new long[][] {empty, chunker.tokenizer().encode(m.textPrefix(), false, false).getIds()};
    });
    long[] prefix = specials[1];
    long[] out = new long[chunkIds.length + prefix.length + 2];
    out[0] = specials[0][0];
    System.arraycopy(prefix, 0, out, 1, prefix.length);
    System.arraycopy(chunkIds, 0, out, 1 + prefix.length, chunkIds.length);
    out[out.length - 1] = specials[0][1];
    return out;
  }

  @Override
  public java.util.List<long[]> chunks(String text, int maxTokens) {
    return CHUNKERS.computeIfAbsent(model, Chunker::forModel).chunk(text, maxTokens, 0).stream()
        .map(Chunker.Chunk::ids).toList();
  }

  private static String sha256(EncoderModel m) {
    try (InputStream in = m.open(m.onnxResource())) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (DigestInputStream digest = new DigestInputStream(in, sha)) {
        digest.transferTo(java.io.OutputStream.nullOutputStream());
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + m.onnxResource(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PretrainedEncoder p && p.model == model;
  }

  @Override
  public int hashCode() { return model.hashCode(); }

  @Override
  public String toString() { return model.id(); }
}
