package dev.songmood.finetune;

import dev.songmood.encode.finetuned.BaseEncoder;
import dev.songmood.encode.finetuned.BertConfig;
import dev.songmood.encode.finetuned.NamedTensors;
import dev.songmood.encode.finetuned.QuadrantHeads;
import java.util.Random;

/** The state a fine-tuning starts from: the base encoder's top layers as pre-trained, small random heads. */
public final class InitialState {
  /** Standard deviation of the heads' initial weights (BERT's initializer range). */
  public static final double HEAD_INIT_STD = 0.02;

  private InitialState() {
  }

  public static TrainingState of(BaseEncoder base, FineTuneParams params) {
    BertConfig config = base.config();
    int trainable = Math.min(params.recipe().trainableLayers(), config.layers());
    NamedTensors all = base.weights();
    NamedTensors weights = new NamedTensors();
    for (int layer = config.layers() - trainable; layer < config.layers(); layer++) {
      weights.putAll(all.withPrefix(BertConfig.layerPrefix(layer)).prefixed(BertConfig.layerPrefix(layer)));
    }
    Random r = new Random(params.seed());
    weights.put(QuadrantHeads.QUADRANT_WEIGHT, normal(r, 4, config.hidden()));
    weights.put(QuadrantHeads.QUADRANT_BIAS, new long[] {4}, new float[4]);
    weights.put(QuadrantHeads.COORDINATES_WEIGHT, normal(r, 2, config.hidden()));
    weights.put(QuadrantHeads.COORDINATES_BIAS, new long[] {2}, new float[2]);
    return new TrainingState(0, 0, weights, new NamedTensors());
  }

  private static NamedTensors.Tensor normal(Random r, int rows, int cols) {
    float[] d = new float[rows * cols];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (r.nextGaussian() * HEAD_INIT_STD);
    }
    return new NamedTensors.Tensor(new long[] {rows, cols}, d);
  }
}
