package dev.songmood.encode;

import dev.songmood.encode.Chunker.Chunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * Songs to vectors with one executor's {@link OnnxEncoder}: chunks many songs, encodes their chunks together, and
 * pools each song's chunk vectors. int8 models are encoded one chunk per call, because dynamic quantisation makes a
 * chunk's vector depend on its batch neighbours (and batch 1 is not slower on CPU), so a song's vector does not
 * depend on how the catalog was partitioned.
 */
public final class SongEncoding {
  private static final LongAdder ENCODED = new LongAdder();
  /**
   * The extra threads of {@link #encodeSongs(List, int, int, String, int, int)}: daemons, so a driver's JVM exits when
   * its work is done.
   */
  private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "songmood-encode");
    t.setDaemon(true);
    return t;
  });

  private final OnnxEncoder encoder;

  private SongEncoding(OnnxEncoder encoder) {
    this.encoder = encoder;
  }

  /** Songs given to an encoder in this JVM since it started: what the encoder cascade saves is visible here. */
  public static long songsEncoded() {
    return ENCODED.sum();
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

  /** The length of this encoder's song vectors. */
  public int dimension() {
    return encoder.model().dimension();
  }

  public static String weightsSha256(EncoderModel model) {
    return OnnxEncoder.load(model, 1).weightsSha256();
  }

  public static SongPooling pooling(String name) {
    return SongPooling.parse(name);
  }

  /**
   * How songs held on the driver ({@code serve}, {@code predict}) use its {@code cores}: one song gets every core on
   * each of its chunks in turn (intra-op threads); several get one single-threaded encoder call per core at once
   * ({@code workers} for {@link #encodeSongs(List, int, int, String, int, int)}).
   */
  public record OnDriver(int workers, int intraOpThreads) {
    public static OnDriver of(int cores, int songs) {
      int workers = Math.max(1, Math.min(cores, songs));
      return new OnDriver(workers, workers > 1 ? 1 : cores);
    }
  }

  /** One unit vector per text (null for a null or token-less text), encoded on this thread. */
  public float[][] encodeSongs(List<String> texts, int budget, int overlap, String pooling, int batchSize) {
    return encodeSongs(texts, budget, overlap, pooling, batchSize, 1);
  }

  /**
   * The same, with {@code workers} threads calling the encoder at once: this one and {@code workers - 1} daemons,
   * each taking the next batch of chunks when it has finished one, longest chunks first. The chunks are shared out as
   * they are encoded, not the songs up front, so a share of long songs does not keep one thread busy while the
   * others wait (songs held on the driver: {@code serve}'s batches). A chunk's vector does not depend on the thread
   * that encodes it, so the result is the one thread's.
   */
  public float[][] encodeSongs(List<String> texts, int budget, int overlap, String pooling, int batchSize,
      int workers) {
    ENCODED.add(texts.size());
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
    float[][] vectors = all.isEmpty() ? new float[0][] : encodeChunks(all, batch, workers);
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

  /** The chunks' vectors in their order; batches handed out to {@code workers} threads as each finishes one. */
  private float[][] encodeChunks(List<Chunk> chunks, int batch, int workers) {
    int batches = (chunks.size() + batch - 1) / batch;
    int helpers = Math.min(workers, batches) - 1;
    if (helpers < 1) {
      return encoder.encode(chunks, batch);
    }
    int[] order = IntStream.range(0, chunks.size()).boxed()
        .sorted(Comparator.comparingInt((Integer i) -> chunks.get(i).tokenCount()).reversed())
        .mapToInt(Integer::intValue).toArray();
    float[][] out = new float[chunks.size()][];
    AtomicInteger next = new AtomicInteger();
    Runnable drain = () -> {
      try {
        for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
          int from = b * batch;
          int to = Math.min(chunks.size(), from + batch);
          List<Chunk> slice = new ArrayList<>(to - from);
          for (int k = from; k < to; k++) {
            slice.add(chunks.get(order[k]));
          }
          float[][] v = encoder.encode(slice, batch);
          for (int k = from; k < to; k++) {
            out[order[k]] = v[k - from];
          }
        }
      } catch (RuntimeException e) {
        next.set(batches);  // a failed call fails the whole call: the other threads stop after their current batch
        throw e;
      }
    };
    List<CompletableFuture<Void>> others = new ArrayList<>();
    for (int w = 0; w < helpers; w++) {
      others.add(CompletableFuture.runAsync(drain, WORKERS));
    }
    RuntimeException failure = null;
    try {
      drain.run();
    } catch (RuntimeException e) {
      failure = e;
    }
    for (CompletableFuture<Void> other : others) {
      try {
        other.join();
      } catch (CompletionException e) {
        RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
        if (failure == null) {
          failure = cause;
        } else {
          failure.addSuppressed(cause);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return out;
  }
}
