package dev.songmood.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.songmood.encode.finetuned.NamedTensors;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW (decoupled weight decay, Loshchilov &amp; Hutter) with linear warm-up then linear decay to 0, as BERT
 * fine-tuning does. Written for this job rather than taken from DJL because its moments must leave the task: they
 * are averaged across workers with the weights and written in every checkpoint, so that a resumed run continues
 * exactly where the killed one stopped. Weight decay applies to matrices only (not to biases and LayerNorm
 * parameters), as in HuggingFace's recipe.
 */
public final class ScheduledAdamW {
  public static final float BETA1 = 0.9f;
  public static final float BETA2 = 0.999f;
  public static final float EPSILON = 1e-8f;

  private final float peakRate;
  private final float weightDecay;
  private final long warmupSteps;
  private final long totalSteps;
  private final NDManager manager;
  private final Map<String, NDArray> first = new LinkedHashMap<>();
  private final Map<String, NDArray> second = new LinkedHashMap<>();
  private long step;

  /**
   * {@code manager}: where the moments live (on the training device).
   */
  public ScheduledAdamW(float peakRate, float weightDecay, long warmupSteps, long totalSteps, NDManager manager) {
    if (totalSteps < 1) {
      throw new IllegalArgumentException("total steps must be at least 1, got " + totalSteps);
    }
    this.peakRate = peakRate;
    this.weightDecay = weightDecay;
    this.warmupSteps = warmupSteps;
    this.totalSteps = totalSteps;
    this.manager = manager;
  }

  /** Learning rate of (1-based) step {@code t}: ramps up over the warm-up, then falls linearly to 0 at the end. */
  public static float rate(float peak, long t, long warmup, long total) {
    if (t <= warmup && warmup > 0) {
      return peak * t / warmup;
    }
    return peak * Math.max(0f, (float) (total - t) / Math.max(1, total - warmup));
  }

  /** Sets the number of the update about to be made (1-based); every parameter's update uses it. */
  public void beginStep(long value) { this.step = value; }

  public long step() { return step; }

  public float currentRate() { return rate(peakRate, step, warmupSteps, totalSteps); }

  /** Updates one weight in place from its gradient, at the step set by {@link #beginStep}. */
  public void update(String name, NDArray weight, NDArray grad) {
    NDArray m = first.computeIfAbsent(name, n -> manager.zeros(weight.getShape()));
    NDArray v = second.computeIfAbsent(name, n -> manager.zeros(weight.getShape()));
    float lr = currentRate();
    m.muli(BETA1);
    try (NDArray g = grad.mul(1 - BETA1)) {
      m.addi(g);
    }
    v.muli(BETA2);
    try (NDArray g2 = grad.square().muli(1 - BETA2)) {
      v.addi(g2);
    }
    double c1 = 1 - Math.pow(BETA1, step);
    double c2 = 1 - Math.pow(BETA2, step);
    if (weightDecay > 0 && weight.getShape().dimension() > 1) {
      weight.muli(1 - lr * weightDecay);
    }
    try (NDArray scaled = v.div((float) c2); NDArray denominator = scaled.sqrt().addi(EPSILON);
        NDArray delta = m.mul((float) (lr / c1)).divi(denominator)) {
      weight.subi(delta);
    }
  }

  /** The moments by name ({@code m/NAME}, {@code v/NAME}), for averaging and checkpoints. */
  public NamedTensors moments() {
    NamedTensors out = new NamedTensors();
    first.forEach((n, a) -> out.put("m/" + n, a.getShape().getShape(), a.toFloatArray()));
    second.forEach((n, a) -> out.put("v/" + n, a.getShape().getShape(), a.toFloatArray()));
    return out;
  }

  /** Restores moments written by {@link #moments()}. */
  public void restore(NamedTensors moments) {
    moments.asMap().forEach((key, t) -> {
      NDArray a = manager.create(t.data(), new ai.djl.ndarray.types.Shape(t.shape()));
      if (key.startsWith("m/")) {
        first.put(key.substring(2), a);
      } else if (key.startsWith("v/")) {
        second.put(key.substring(2), a);
      } else {
        throw new IllegalArgumentException("not an optimizer moment: " + key);
      }
    });
  }
}
