package dev.songmood.encode;

import dev.songmood.encode.Chunker.Chunk;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Songs to vectors with one executor's {@link OnnxEncoder}: chunks many songs, encodes their chunks together, and
 * pools each song's chunk vectors. int8 models are encoded one chunk per call, because dynamic quantisation makes a
 * chunk's vector depend on its batch neighbours (and batch 1 is not slower on CPU), so a song's vector does not
 * depend on how the catalog was partitioned.
 */
public final class SongEncoding {
  /** Threads for {@link #inParallel}: daemons, so a driver's JVM exits when its work is done. */
  private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "songmood-encode");
    t.setDaemon(true);
    return t;
  });

  private final OnnxEncoder encoder;

  private SongEncoding(OnnxEncoder encoder) {
    this.encoder = encoder;
  }

  /** The JVM's cached encoder; fails if its weights are not the ones the saved model was trained with. */
  public static SongEncoding open(EncoderModel model, int threads, boolean gpu, String expectedSha256) {
    OnnxEncoder encoder = OnnxEncoder.load(model, threads, gpu);
    if (expectedSha256 != null && !expectedSha256.isEmpty() && !expectedSha256.equals(encoder.weightsSha256())) {
      throw new IllegalStateException("encoder " + model.id() + " on the classpath has weights "
          + encoder.weightsSha256() + " but the model was trained with " + expectedSha256
          + " (a different " + model.artifactId() + " jar?)");
    }
    return new SongEncoding(encoder);
  }

  /** Songs to vectors with a given (e.g. fine-tuned) encoder. */
  public static SongEncoding of(OnnxEncoder encoder) {
    return new SongEncoding(encoder);
  }

  public static String weightsSha256(EncoderModel model) {
    return OnnxEncoder.load(model, 1).weightsSha256();
  }

  public static SongPooling pooling(String name) {
    return SongPooling.parse(name);
  }

  /** One unit vector per text (null for a null or token-less text). */
  public float[][] encodeSongs(List<String> texts, int budget, int overlap, String pooling, int batchSize) {
    SongPooling songPooling = SongPooling.parse(pooling);
    List<Chunk> all = new ArrayList<>();
    int[] first = new int[texts.size() + 1];
    for (int i = 0; i < texts.size(); i++) {
      first[i] = all.size();
      String text = texts.get(i);
      if (text != null) {
        all.addAll(encoder.chunker().chunk(text, budget, overlap));
      }
    }
    first[texts.size()] = all.size();
    int batch = encoder.model().quantized() ? 1 : batchSize;
    float[][] vectors = all.isEmpty() ? new float[0][] : encoder.encode(all, batch);
    float[][] songs = new float[texts.size()][];
    for (int i = 0; i < texts.size(); i++) {
      int n = first[i + 1] - first[i];
      if (n == 0) {
        continue;
      }
      float[][] mine = new float[n][];
      int[] tokens = new int[n];
      for (int j = 0; j < n; j++) {
        mine[j] = vectors[first[i] + j];
        tokens[j] = all.get(first[i] + j).tokenCount();
      }
      songs[i] = SongPooling.l2Normalise(songPooling.pool(mine, tokens));
    }
    return songs;
  }

  /**
   * {@code encode} over {@code workers} contiguous shares of {@code texts} at once, the last on this thread; the
   * vectors in input order. For songs held on the driver ({@code serve}): one single-threaded encoder per core, each
   * on its share, as label's tasks run, goes faster than every core on each chunk in turn.
   */
  public static float[][] inParallel(List<String> texts, int workers, Function<List<String>, float[][]> encode) {
    int n = Math.max(1, Math.min(workers, texts.size()));
    if (n == 1) {
      return encode.apply(texts);
    }
    List<CompletableFuture<float[][]>> shares = new ArrayList<>();
    int from = 0;
    for (int w = 0; w < n; w++) {
      int to = (int) ((long) texts.size() * (w + 1) / n);
      List<String> share = texts.subList(from, to);
      shares.add(w < n - 1 ? CompletableFuture.supplyAsync(() -> encode.apply(share), WORKERS)
          : CompletableFuture.completedFuture(encode.apply(share)));
      from = to;
    }
    float[][] vectors = new float[texts.size()][];
    int at = 0;
    for (CompletableFuture<float[][]> share : shares) {
      float[][] part = share.join();
      System.arraycopy(part, 0, vectors, at, part.length);
      at += part.length;
    }
    return vectors;
  }
}
