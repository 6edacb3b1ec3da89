package dev.songmood.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.songmood.encode.finetuned.NamedTensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Averaging workers' states: the weighted mean of weights and moments, associative, through bytes and back. */
class StateAverageTest {

  private static EpochTrainer.Result worker(int partition, int examples, float w, float m) {
    NamedTensors weights = new NamedTensors().put("a", new long[] {2}, new float[] {w, 2 * w})
        .put("b", new long[] {1, 1}, new float[] {-w});
    NamedTensors moments = new NamedTensors().put("m/a", new long[] {2}, new float[] {m, m});
    return new EpochTrainer.Result(partition, new TrainingState(1, 10 + partition, weights, moments), examples, 3,
        3.0 * w, 2.0, 1.0, 5.0 + partition, "cpu()");
  }

  @Test
  void twoWorkersWithEqualSharesAverageToTheirMean() {
    StateAverage avg = StateAverage.fromBytes(StateAverage.merge(StateAverage.of(worker(0, 50, 1f, 4f)).toBytes(),
        StateAverage.of(worker(1, 50, 3f, 8f)).toBytes()));
    assertArrayEquals(new float[] {2f, 4f}, avg.state().weights().get("a").data(), 1e-6f);
    assertArrayEquals(new float[] {-2f}, avg.state().weights().get("b").data(), 1e-6f);
    assertArrayEquals(new float[] {6f, 6f}, avg.state().moments().get("m/a").data(), 1e-6f);
    assertEquals(100, avg.examples());
    assertEquals(11, avg.state().step(), "the furthest worker's step count");
    assertEquals(6.0, avg.seconds(), "the slowest worker's time");
    assertEquals(List.of("task 0: cpu()", "task 1: cpu()"), avg.devices());
  }

  @Test
  void sharesAreWeightedByTheirChunksAndTheFoldIsAssociative() {
    EpochTrainer.Result a = worker(0, 10, 1f, 0f);
    EpochTrainer.Result b = worker(1, 30, 5f, 0f);
    EpochTrainer.Result c = worker(2, 60, 10f, 0f);
    StateAverage left = StateAverage.of(a).merge(StateAverage.of(b)).merge(StateAverage.of(c));
    StateAverage right = StateAverage.of(a).merge(StateAverage.of(b).merge(StateAverage.of(c)));
    float expected = (10 * 1f + 30 * 5f + 60 * 10f) / 100f;
    assertArrayEquals(new float[] {expected, 2 * expected}, left.state().weights().get("a").data(), 1e-5f);
    assertArrayEquals(left.state().weights().get("a").data(), right.state().weights().get("a").data(), 1e-5f);
    // an empty share (more workers than songs) counts for nothing
    StateAverage withEmpty = left.merge(StateAverage.of(worker(3, 0, 1000f, 0f)));
    assertArrayEquals(left.state().weights().get("a").data(), withEmpty.state().weights().get("a").data(), 0f);
    assertEquals(StateAverage.EMPTY.merge(left).state(), left.state());
  }

  @Test
  void mismatchedSharesAreRefused() {
    NamedTensors one = new NamedTensors().put("a", new long[] {2}, new float[] {1, 2});
    NamedTensors other = new NamedTensors().put("a", new long[] {1, 2}, new float[] {1, 2});
    assertThrows(IllegalArgumentException.class, () -> NamedTensors.weightedMean(List.of(one, other),
        new double[] {1, 1}));
    assertThrows(IllegalArgumentException.class, () -> NamedTensors.weightedMean(List.of(one), new double[] {0}));
  }
}
