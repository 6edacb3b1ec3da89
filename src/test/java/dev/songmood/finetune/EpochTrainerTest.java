package dev.songmood.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.songmood.encode.finetuned.BaseEncoder;
import dev.songmood.encode.finetuned.QuadrantHeads;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The training loop on a tiny random BERT: it learns, it is deterministic, and resuming changes nothing. */
class EpochTrainerTest {
  private static final float[] EQUAL = {1, 1, 1, 1};
  private final BaseEncoder base = new RandomEncoder(2, 7);

  private FineTuneParams params(int epochs) {
    return new FineTuneParams(base.id(), 1e-2, 64, 8, epochs, 11L,
        Recipe.defaults().withTrainableLayers(2).withDropout(0.0));
  }

  private TrainingState run(FineTuneParams p, TrainingState from, List<Example> data, int epochs, long total,
      double[] losses) {
    TrainingState s = from;
    for (int e = 0; e < epochs; e++) {
      EpochTrainer.Result r = EpochTrainer.train(base, p, s, data, EQUAL, total, 0, Device.cpu());
      if (losses != null) {
        losses[s.epoch()] = r.meanLoss();
      }
      s = r.state();
    }
    return s;
  }

  @Test
  void lossFallsAndTrainingSongsAreLearned() {
    List<Example> data = ToySongs.examples(12, 24, 1);
    FineTuneParams p = params(10);
    TrainingState start = InitialState.of(base, p);
    long total = 10L * ((data.size() + 7) / 8);
    double[] losses = new double[10];
    TrainingState end = run(p, start, data, 10, total, losses);
    assertTrue(losses[9] < losses[0] * 0.5, "loss fell from " + losses[0] + " to " + losses[9]);
    assertEquals(10, end.epoch());
    assertEquals(total, end.step());

    float[][] before = vectorsAndLogits(start, data);
    float[][] after = vectorsAndLogits(end, data);
    assertTrue(accuracy(after, data) >= 0.95, "training accuracy " + accuracy(after, data));
    assertTrue(accuracy(before, data) < 0.6, "untrained accuracy " + accuracy(before, data));
  }

  @Test
  void resumingFromAnEpochGivesTheSameWeightsAsAnUninterruptedRun() {
    List<Example> data = ToySongs.examples(4, 16, 2);
    FineTuneParams p = params(3);
    long total = 3L * ((data.size() + 7) / 8);
    TrainingState start = InitialState.of(base, p);
    TrainingState straight = run(p, start, data, 3, total, null);
    // "kill" after epoch 1: only its checkpoint bytes survive
    TrainingState afterOne = TrainingState.fromBytes(run(p, start, data, 1, total, null).toBytes());
    TrainingState resumed = run(p, afterOne, data, 2, total, null);
    for (String name : straight.weights().names()) {
      assertArrayEquals(straight.weights().get(name).data(), resumed.weights().get(name).data(), 0f, name);
    }
    assertArrayEquals(straight.moments().get("v/" + QuadrantHeads.QUADRANT_WEIGHT).data(),
        resumed.moments().get("v/" + QuadrantHeads.QUADRANT_WEIGHT).data(), 0f);
    // and the run did move the weights
    assertNotEquals(start.weights().get(QuadrantHeads.QUADRANT_WEIGHT).data()[0],
        straight.weights().get(QuadrantHeads.QUADRANT_WEIGHT).data()[0]);
  }

  /** Quadrant logits per example from the pooled chunk vector and the heads, as labelling computes them. */
  private float[][] vectorsAndLogits(TrainingState s, List<Example> data) {
    float[][] vectors = EpochTrainer.chunkVectors(base, params(1).recipe(), s.weights(),
        data.stream().map(Example::ids).toList(), 16, Device.cpu());
    QuadrantHeads heads = QuadrantHeads.of(s.weights(), new double[] {0, 0}, new double[] {1, 1});
    float[][] out = new float[vectors.length][];
    for (int i = 0; i < vectors.length; i++) {
      out[i] = heads.probabilities(vectors[i]);
    }
    return out;
  }

  private static double accuracy(float[][] probs, List<Example> data) {
    int ok = 0;
    for (int i = 0; i < probs.length; i++) {
      int best = 0;
      for (int c = 1; c < 4; c++) {
        best = probs[i][c] > probs[i][best] ? c : best;
      }
      ok += best == data.get(i).label() ? 1 : 0;
    }
    return (double) ok / probs.length;
  }
}
