package dev.songmood.finetune;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.songmood.encode.finetuned.BaseEncoder;
import dev.songmood.encode.finetuned.NamedTensors;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker's epoch of fine-tuning, run inside a Spark task: starts from the broadcast {@link TrainingState}, makes
 * one pass over its share of the chunks in a seeded random order, and returns its state for the driver to average.
 *
 * <p>Loss per batch: class-weighted softmax cross-entropy of the quadrant head, plus {@code regressionWeight} times
 * the mean squared error of the coordinates head over the chunks whose song has valence/arousal. Gradients are
 * clipped to a global norm, then {@link ScheduledAdamW} updates the trainable weights. Each step's inputs live in a
 * sub-manager closed after the step, and the C heap is trimmed every few steps ({@link NativeMemory}), so memory
 * stays flat over an epoch.
 */
public final class EpochTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(EpochTrainer.class);
  /** A progress line every this many steps. */
  static final int PROGRESS_EVERY = 50;
  /** The C heap is trimmed every this many batches ({@link NativeMemory}). */
  static final int TRIM_EVERY = 5;

  private EpochTrainer() {
  }

  /** What a worker reports after its epoch. */
  public record Result(int partition, TrainingState state, int examples, int steps, double lossSum,
      double crossEntropySum, double regressionSum, double seconds, String device) implements Serializable {
    public double meanLoss() { return steps == 0 ? Double.NaN : lossSum / steps; }
  }

  /**
   * Trains one epoch. {@code classWeights}: per-quadrant loss weights; {@code totalSteps}: the schedule's length
   * (updates over the whole run, per worker); {@code partition}: this worker's index (seeds its shuffle).
   */
  public static Result train(BaseEncoder base, FineTuneParams params, TrainingState state, List<Example> examples,
      float[] classWeights, long totalSteps, int partition, Device device) {
    long started = System.nanoTime();
    Network.engine().setRandomSeed(seed(params.seed(), state.epoch(), partition));
    JniUtils.setGradMode(false);
    List<Example> order = new ArrayList<>(examples);
    Collections.shuffle(order, new Random(seed(params.seed(), state.epoch(), partition)));
    Recipe recipe = params.recipe();
    long warmup = Math.round(totalSteps * recipe.warmupFraction());
    double lossSum = 0;
    double ceSum = 0;
    double mseSum = 0;
    int steps = 0;
    int skipped = 0;
    try (Network network = Network.open(base, recipe, state.weights(), device)) {
      Map<String, Parameter> trainable = network.trainable();
      ScheduledAdamW optimizer = new ScheduledAdamW((float) params.learningRate(), (float) recipe.weightDecay(),
          warmup, totalSteps, network.manager());
      optimizer.restore(state.moments());
      long step = state.step();
      for (int from = 0; from < order.size(); from += params.batchSize()) {
        List<Example> batch = order.subList(from, Math.min(order.size(), from + params.batchSize()));
        if (from > 0 && (from / params.batchSize()) % TRIM_EVERY == 0) {
          NativeMemory.trim();
        }
        try (NDManager sub = network.manager().newSubManager()) {
          Inputs in = Inputs.of(sub, batch, classWeights);
          float[] losses;
          try (GradientCollector collector = Network.engine().newGradientCollector()) {
            NDList out = network.net().forward(network.store(), in.model(), true);
            NDArray[] parts = loss(out, in, (float) recipe.regressionWeight());
            collector.backward(parts[0]);
            losses = new float[] {parts[0].getFloat(), parts[1].getFloat(), parts[2].getFloat()};
          }
          float norm = clipGradients(trainable.values(), (float) recipe.clipNorm());
          boolean finite = Float.isFinite(norm) && Float.isFinite(losses[0]);
          optimizer.beginStep(++step);
          for (Map.Entry<String, Parameter> e : trainable.entrySet()) {
            NDArray weight = e.getValue().getArray();
            try (NDArray grad = weight.getGradient()) {
              if (finite) {
                optimizer.update(e.getKey(), weight, grad);
              }
              grad.set(new NDIndex(":"), 0f); // a fill, not grad - grad: an inf gradient must not leave NaN behind
            }
          }
          if (!finite) {
            skipped++;
            LOG.warn("partition {} step {}: non-finite loss {} or gradient norm {}; update skipped (songs {})",
                partition, step, losses[0], norm, batch.stream().map(Example::songId).distinct().toList());
            continue;
          }
          lossSum += losses[0];
          ceSum += losses[1];
          mseSum += losses[2];
          steps++;
          if (steps % PROGRESS_EVERY == 0) {
            double seconds = (System.nanoTime() - started) / 1e9;
            LOG.info("partition {}: step {} of this epoch's {}, loss {} (mean {}), gradient norm {}, {} chunks/s, "
                + "process RSS {} MiB", partition, steps, (order.size() + params.batchSize() - 1) / params.batchSize(),
                String.format("%.4f", losses[0]), String.format("%.4f", lossSum / steps),
                String.format("%.3f", norm), String.format("%.1f", steps * (double) params.batchSize() / seconds),
                dev.songmood.runtime.ProcessMemory.residentMib());
          }
        }
      }
      TrainingState after = new TrainingState(state.epoch() + 1, step, network.net().exportTrainable(),
          optimizer.moments());
      if (skipped > 0) {
        LOG.warn("partition {}: {} of {} steps skipped for non-finite values", partition, skipped, steps + skipped);
      }
      return new Result(partition, after, examples.size(), steps, lossSum, ceSum, mseSum,
          (System.nanoTime() - started) / 1e9, device.toString());
    }
  }

  /**
   * Unit chunk vectors of {@code chunks} (framed token ids) with the trained weights, in inference mode (no
   * dropout), batched in the given order.
   */
  public static float[][] chunkVectors(BaseEncoder base, Recipe recipe, NamedTensors weights, List<long[]> chunks,
      int batchSize, Device device) {
    Network.engine(); // loads the native library before any JNI call
    JniUtils.setGradMode(false);
    float[][] out = new float[chunks.size()][];
    try (Network network = Network.open(base, recipe, weights, device)) {
      for (int from = 0; from < chunks.size(); from += batchSize) {
        List<long[]> batch = chunks.subList(from, Math.min(chunks.size(), from + batchSize));
        if (from > 0 && (from / batchSize) % TRIM_EVERY == 0) {
          NativeMemory.trim();
        }
        try (NDManager sub = network.manager().newSubManager()) {
          NDList inputs = Inputs.tokens(sub, batch);
          NDArray vectors = network.net().forward(network.store(), inputs, false).get(2);
          float[] flat = vectors.toFloatArray();
          int dim = (int) vectors.getShape().get(1);
          for (int r = 0; r < batch.size(); r++) {
            float[] v = new float[dim];
            System.arraycopy(flat, r * dim, v, 0, dim);
            out[from + r] = v;
          }
        }
      }
    }
    return out;
  }

  /** Total, cross-entropy and regression losses (scalars). */
  static NDArray[] loss(NDList out, Inputs in, float regressionWeight) {
    NDArray logits = out.get(0);
    NDArray coords = out.get(1);
    NDArray nll = logits.logSoftmax(1).mul(in.oneHot()).sum(new int[] {1}).neg();
    NDArray ce = nll.mul(in.weights()).sum().div(in.weightSum());
    NDArray mse = coords.sub(in.coordinates()).mul(in.coordinateMask()).square().sum()
        .div(Math.max(1f, in.coordinateCount()));
    NDArray total = regressionWeight > 0 ? ce.add(mse.mul(regressionWeight)) : ce;
    return new NDArray[] {total, ce, mse};
  }

  /** Scales all gradients so that their global L2 norm is at most {@code maxNorm}; returns the norm before. */
  static float clipGradients(Iterable<Parameter> params, float maxNorm) {
    double sq = 0;
    List<NDArray> grads = new ArrayList<>();
    for (Parameter p : params) {
      NDArray g = p.getArray().getGradient();
      grads.add(g);
      try (NDArray squares = g.square(); NDArray s = squares.sum()) {
        sq += s.getFloat();
      }
    }
    float norm = (float) Math.sqrt(sq);
    if (norm > maxNorm) {
      float scale = maxNorm / (norm + 1e-6f);
      grads.forEach(g -> g.muli(scale));
    }
    grads.forEach(NDArray::close);
    return norm;
  }

  static int seed(long seed, int epoch, int partition) {
    return (int) ((seed * 1_000_003L + epoch * 10_007L + partition) & 0x7fffffff);
  }

  /** One batch as arrays: model inputs (ids, types, mask), one-hot labels, class weights, coordinates. */
  record Inputs(NDList model, NDArray oneHot, NDArray weights, float weightSum, NDArray coordinates,
      NDArray coordinateMask, float coordinateCount) {

    static Inputs of(NDManager m, List<Example> batch, float[] classWeights) {
      int b = batch.size();
      float[] oneHot = new float[b * 4];
      float[] w = new float[b];
      float[] coords = new float[b * 2];
      float[] mask = new float[b * 2];
      float wSum = 0;
      float count = 0;
      List<long[]> ids = new ArrayList<>(b);
      for (int i = 0; i < b; i++) {
        Example e = batch.get(i);
        ids.add(e.ids());
        oneHot[i * 4 + e.label()] = 1f;
        w[i] = classWeights[e.label()];
        wSum += w[i];
        if (e.hasCoordinates()) {
          coords[i * 2] = e.valence();
          coords[i * 2 + 1] = e.arousal();
          mask[i * 2] = 1f;
          mask[i * 2 + 1] = 1f;
          count += 2;
        }
      }
      return new Inputs(tokens(m, ids), m.create(oneHot, new Shape(b, 4)), m.create(w), Math.max(wSum, 1e-6f),
          m.create(coords, new Shape(b, 2)), m.create(mask, new Shape(b, 2)), count);
    }

    /** Token ids padded with 0 to the batch's longest, type ids 0, mask 1 over real tokens. */
    static NDList tokens(NDManager m, List<long[]> chunks) {
      int b = chunks.size();
      int width = chunks.stream().mapToInt(c -> c.length).max().orElse(1);
      long[] ids = new long[b * width];
      long[] mask = new long[b * width];
      for (int i = 0; i < b; i++) {
        long[] c = chunks.get(i);
        System.arraycopy(c, 0, ids, i * width, c.length);
        java.util.Arrays.fill(mask, i * width, i * width + c.length, 1L);
      }
      Shape shape = new Shape(b, width);
      return new NDList(m.create(ids, shape), m.zeros(shape, ai.djl.ndarray.types.DataType.INT64),
          m.create(mask, shape));
    }
  }
}
