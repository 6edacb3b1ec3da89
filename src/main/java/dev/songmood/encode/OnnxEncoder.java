package dev.songmood.encode;

import ai.djl.engine.Engine;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import dev.songmood.encode.Chunker.Chunk;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pre-trained sentence encoder, loaded once per JVM: {@link #load} caches it by model and thread setting, so a Spark
 * executor pays the load once, whatever its rows and partitions; one instance is safe to share between task threads.
 *
 * <p>It calls ONNX Runtime's {@code OrtSession} (bundled by DJL's OnnxRuntime engine) rather than DJL's
 * Model/Predictor: the session lets us feed exactly the inputs the graph declares, read {@code last_hidden_state}
 * straight into the masked pooling, and set threads and execution providers per session, with no NDArray copies or
 * per-thread Predictors. The JVM's one {@code OrtEnvironment} is still DJL's (see {@link OrtHolder}).
 */
public final class OnnxEncoder {
  private static final Logger LOG = LoggerFactory.getLogger(OnnxEncoder.class);
  public static final int DEFAULT_BATCH_SIZE = 8;
  private static final Map<String, OnnxEncoder> LOADED = new ConcurrentHashMap<>();

  private final EncoderModel model;
  private final int intraOpThreads;
  private final boolean onGpu;
  private final String weightsSha256;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final boolean takesTokenTypes;
  private final Chunker chunker;
  private final long cls;
  private final long sep;
  private final long[] prefixIds;

  /**
   * The JVM's encoder for this model on CPU with {@code intraOpThreads} threads per call. Use 1 when the executor
   * runs one task per core: the tasks then share the one session and each call computes on its task's thread.
   */
  public static OnnxEncoder load(EncoderModel model, int intraOpThreads) {
    return load(model, intraOpThreads, false);
  }

  /** As {@link #load(EncoderModel, int)}; {@code gpu} asks for the CUDA provider and falls back to CPU without it. */
  public static OnnxEncoder load(EncoderModel model, int intraOpThreads, boolean gpu) {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intra-op threads must be at least 1, got " + intraOpThreads);
    }
    String key = model.id() + "/threads=" + intraOpThreads + (gpu ? "/gpu" : "");
    return LOADED.computeIfAbsent(key, k -> new OnnxEncoder(model, intraOpThreads, gpu, null));
  }

  /**
   * The JVM's encoder for a fine-tuned variant of {@code base}: the same graph and tokenizer with other weights.
   * {@code variant} names the weights (their SHA-256), so each variant is built once per JVM from {@code onnx}.
   */
  public static OnnxEncoder loadVariant(EncoderModel base, String variant, Supplier<byte[]> onnx, int intraOpThreads,
      boolean gpu) {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intra-op threads must be at least 1, got " + intraOpThreads);
    }
    String key = base.id() + "/variant=" + variant + "/threads=" + intraOpThreads + (gpu ? "/gpu" : "");
    return LOADED.computeIfAbsent(key, k -> new OnnxEncoder(base, intraOpThreads, gpu, onnx.get()));
  }

  /** {@code onnxBytes}: the graph to run, or null for the base model's own file from its jar. */
  private OnnxEncoder(EncoderModel model, int intraOpThreads, boolean gpu, byte[] onnxBytes) {
    long started = System.nanoTime();
    this.model = model;
    this.intraOpThreads = intraOpThreads;
    try {
      Path dir = Files.createTempDirectory("songmood-" + model.id() + "-");
      dir.toFile().deleteOnExit(); // a fallback if loading fails; registered first, so deleted after its files
      Path onnx = dir.resolve(model.onnxResource());
      Path tokenizerJson = dir.resolve(model.tokenizerResource());
      weightsSha256 = onnxBytes == null ? copyResource(model, model.onnxResource(), onnx) : sha256(onnxBytes);
      copyResource(model, model.tokenizerResource(), tokenizerJson);
      HuggingFaceTokenizer tokenizer = Chunker.openTokenizer(tokenizerJson);
      long[] specials = tokenizer.encode("", true, false).getIds();
      if (specials.length != 2) {
        throw new IllegalStateException(model.tokenizerResource() + " does not frame a text as [CLS] text [SEP]");
      }
      cls = specials[0];
      sep = specials[1];
      prefixIds = tokenizer.encode(model.textPrefix(), false, false).getIds();
      chunker = new Chunker(tokenizer, model.maxPositions() - 2 - prefixIds.length);
      env = OrtHolder.ENV;
      try (SessionOptions options = new SessionOptions()) {
        options.setIntraOpNumThreads(intraOpThreads);
        options.setInterOpNumThreads(1);
        onGpu = gpu && addCuda(options);
        session = onnxBytes == null ? env.createSession(onnx.toString(), options)
            : env.createSession(onnxBytes, options);
      }
      // Both are in memory now: free the disk at once rather than at exit (bge fp32 is 133 MB).
      Files.deleteIfExists(onnx);
      Files.delete(tokenizerJson);
      Files.delete(dir);
      Set<String> inputs = session.getInputNames();
      if (!inputs.containsAll(List.of("input_ids", "attention_mask"))) {
        throw new IllegalStateException(model.onnxResource() + " lacks input_ids/attention_mask inputs: " + inputs);
      }
      takesTokenTypes = inputs.contains("token_type_ids");
      LOG.info("Loaded encoder {} ({}) in {} ms: inputs {}, {} intra-op thread(s){}, sha256 {}", model.id(),
          model.coordinates(), (System.nanoTime() - started) / 1_000_000, inputs, intraOpThreads,
          onGpu ? ", CUDA" : "", weightsSha256);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load encoder " + model.id(), e);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime cannot load encoder " + model.id(), e);
    }
  }

  public EncoderModel model() { return model; }

  public int intraOpThreads() { return intraOpThreads; }

  /** True when the CUDA execution provider was asked for and could be added. */
  public boolean onGpu() { return onGpu; }

  /** SHA-256 (lower-case hex) of the .onnx file: the exact weights, for the saved model's provenance. */
  public String weightsSha256() { return weightsSha256; }

  /** The ONNX graph's input names. */
  public Set<String> inputNames() { return session.getInputNames(); }

  /** The chunker with this model's tokenizer and budget limit (positions less [CLS], [SEP] and the text prefix). */
  public Chunker chunker() { return chunker; }

  /** Tokens of the model's text prefix, inserted after [CLS] in every input. */
  public int prefixTokenCount() { return prefixIds.length; }

  /**
   * One unit vector per chunk, in the chunks' order. Chunks are sorted by length into batches of {@code batchSize}
   * so that padding to a batch's longest chunk wastes little; masked pooling makes fp32 output independent of the
   * batching. The int8 models quantise activations with one scale per batch, so there a chunk's vector moves slightly
   * with its batch neighbours (max diff ~3e-2): use batch size 1 where a chunk must encode the same in any company
   * (on CPU it is not slower).
   */
  public float[][] encode(List<Chunk> chunks, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
    int[] order = IntStream.range(0, chunks.size()).boxed()
        .sorted(Comparator.comparingInt(i -> chunks.get(i).tokenCount())).mapToInt(Integer::intValue).toArray();
    float[][] out = new float[chunks.size()][];
    for (int from = 0; from < order.length; from += batchSize) {
      int[] batch = Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize));
      try {
        runBatch(chunks, batch, out);
      } catch (OrtException e) {
        throw new IllegalStateException("encoder " + model.id() + " failed on a batch of " + batch.length, e);
      }
    }
    return out;
  }

  /** Chunks the text, encodes the chunks and pools them into one unit vector; null when the text has no tokens. */
  public float[] encodeSong(String text, int budget, int overlap, SongPooling songPooling) {
    List<Chunk> chunks = chunker.chunk(text, budget, overlap);
    if (chunks.isEmpty()) {
      return null;
    }
    float[][] vectors = encode(chunks, DEFAULT_BATCH_SIZE);
    return songPooling.pool(vectors, chunks.stream().mapToInt(Chunk::tokenCount).toArray());
  }

  private void runBatch(List<Chunk> chunks, int[] batch, float[][] out) throws OrtException {
    int rows = batch.length;
    int[] lengths = new int[rows];
    for (int r = 0; r < rows; r++) {
      lengths[r] = chunks.get(batch[r]).tokenCount() + prefixIds.length + 2;
      if (lengths[r] > model.maxPositions()) {
        throw new IllegalArgumentException("chunk of " + chunks.get(batch[r]).tokenCount() + " tokens exceeds "
            + model.id() + "'s budget of " + chunker.maxBudget());
      }
    }
    int width = Arrays.stream(lengths).max().orElse(0);
    long[] ids = new long[rows * width]; // padding: id 0 ([PAD]), mask 0
    long[] mask = new long[rows * width];
    for (int r = 0; r < rows; r++) {
      int at = r * width;
      ids[at++] = cls;
      System.arraycopy(prefixIds, 0, ids, at, prefixIds.length);
      at += prefixIds.length;
      long[] chunkIds = chunks.get(batch[r]).ids();
      System.arraycopy(chunkIds, 0, ids, at, chunkIds.length);
      ids[at + chunkIds.length] = sep;
      Arrays.fill(mask, r * width, r * width + lengths[r], 1L);
    }
    long[] shape = {rows, width};
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
      inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
      if (takesTokenTypes) {
        inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[rows * width]), shape));
      }
      try (OrtSession.Result result = session.run(inputs)) {
        OnnxTensor hidden = (OnnxTensor) result.get(0);
        long[] dims = hidden.getInfo().getShape();
        if (dims.length != 3 || dims[2] != model.dimension()) {
          throw new IllegalStateException(model.id() + " returned shape " + Arrays.toString(dims));
        }
        FloatBuffer states = hidden.getFloatBuffer();
        for (int r = 0; r < rows; r++) {
          out[batch[r]] = model.pooling().pool(states, r * width * model.dimension(), lengths[r], model.dimension());
        }
      }
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  /**
   * The JVM has one OrtEnvironment. DJL's engine creates it with thread options and fails if one exists already, so
   * we start DJL's engine first (Spark NLP, loaded later, then reuses its environment; STACK.md). If another library
   * came first anyway, DJL's engine cannot start, and the existing environment serves our sessions just as well.
   * A holder class, so that this runs once, on first use.
   */
  private static final class OrtHolder {
    static final OrtEnvironment ENV = start();

    private static OrtEnvironment start() {
      try {
        Engine.getEngine("OnnxRuntime");
      } catch (RuntimeException | LinkageError e) {
        LOG.info("DJL's OnnxRuntime engine did not start ({}); using the existing ONNX Runtime environment",
            e.toString());
      }
      return OrtEnvironment.getEnvironment();
    }
  }

  private static boolean addCuda(SessionOptions options) {
    if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
      LOG.info("CUDA execution provider not in this ONNX Runtime build; running on CPU");
      return false;
    }
    try {
      options.addCUDA(0);
      return true;
    } catch (OrtException e) {
      LOG.info("CUDA execution provider could not be added ({}); running on CPU", e.getMessage());
      return false;
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  /** Copies a classpath resource to {@code target} and returns the SHA-256 of its bytes. */
  private static String copyResource(EncoderModel model, String resource, Path target) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
    try (InputStream in = model.open(resource)) {
      Files.copy(new DigestInputStream(in, sha), target);
    }
    target.toFile().deleteOnExit();
    return HexFormat.of().formatHex(sha.digest());
  }
}
