package dev.songmood.finetune;

import dev.songmood.encode.finetuned.NamedTensors;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The workers' epoch results folded into one (Spark's {@code treeAggregate}): weights and AdamW moments averaged,
 * each worker weighted by the chunks it trained on; losses summed; the devices the tasks trained on listed. Merging
 * is associative, so the fold can run as a tree over many workers without gathering every state on the driver.
 */
public final class StateAverage implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final StateAverage EMPTY = new StateAverage(null, 0, 0, 0, 0, 0, 0, List.of());

  private final TrainingState state;
  private final long examples;
  private final int steps;
  private final double lossSum;
  private final double crossEntropySum;
  private final double regressionSum;
  private final double seconds;
  private final List<String> devices;

  private StateAverage(TrainingState state, long examples, int steps, double lossSum, double crossEntropySum,
      double regressionSum, double seconds, List<String> devices) {
    this.state = state;
    this.examples = examples;
    this.steps = steps;
    this.lossSum = lossSum;
    this.crossEntropySum = crossEntropySum;
    this.regressionSum = regressionSum;
    this.seconds = seconds;
    this.devices = devices;
  }

  /**
   * Java-serialised, for travelling through Spark as plain bytes: the state holds records, which Spark's Kryo
   * cannot write.
   */
  public byte[] toBytes() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(this);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static StateAverage fromBytes(byte[] bytes) {
    if (bytes.length == 0) {
      return EMPTY;
    }
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes))) {
      return (StateAverage) in.readObject();
    } catch (java.io.IOException | ClassNotFoundException e) {
      throw new IllegalStateException("cannot read a worker's training state", e);
    }
  }

  /** {@link #merge} on serialised averages (empty bytes: nothing yet), as Spark's treeAggregate calls it. */
  public static byte[] merge(byte[] a, byte[] b) {
    if (a.length == 0) {
      return b;
    }
    if (b.length == 0) {
      return a;
    }
    return fromBytes(a).merge(fromBytes(b)).toBytes();
  }

  public static StateAverage of(EpochTrainer.Result r) {
    return new StateAverage(r.state(), r.examples(), r.steps(), r.lossSum(), r.crossEntropySum(), r.regressionSum(),
        r.seconds(), List.of("task " + r.partition() + ": " + r.device()));
  }

  public StateAverage add(EpochTrainer.Result r) {
    return merge(of(r));
  }

  public StateAverage merge(StateAverage other) {
    if (other.examples == 0 && other.state == null) {
      return this;
    }
    if (examples == 0 && state == null) {
      return other;
    }
    List<String> allDevices = new ArrayList<>(devices);
    allDevices.addAll(other.devices);
    TrainingState merged;
    if (other.examples == 0) {
      merged = state;
    } else if (examples == 0) {
      merged = other.state;
    } else {
      double[] w = {examples, other.examples};
      merged = new TrainingState(Math.max(state.epoch(), other.state.epoch()), Math.max(state.step(),
          other.state.step()), NamedTensors.weightedMean(List.of(state.weights(), other.state.weights()), w),
          NamedTensors.weightedMean(List.of(state.moments(), other.state.moments()), w));
    }
    return new StateAverage(merged, examples + other.examples, steps + other.steps, lossSum + other.lossSum,
        crossEntropySum + other.crossEntropySum, regressionSum + other.regressionSum,
        Math.max(seconds, other.seconds), allDevices);
  }

  public TrainingState state() { return state; }
  public long examples() { return examples; }
  public int steps() { return steps; }
  public double meanLoss() { return steps == 0 ? Double.NaN : lossSum / steps; }
  public double meanCrossEntropy() { return steps == 0 ? Double.NaN : crossEntropySum / steps; }
  public double meanRegression() { return steps == 0 ? Double.NaN : regressionSum / steps; }
  /** The slowest worker's seconds. */
  public double seconds() { return seconds; }
  public List<String> devices() { return devices; }
}
