package dev.songmood.finetune;

import ai.djl.Device;
import dev.songmood.encode.EncoderModel;
import dev.songmood.encode.finetuned.PretrainedEncoder;
import java.util.List;

/**
 * Run by {@link OfflineTrainingTest} in a JVM of its own: starts the PyTorch engine from the Maven jars into an
 * empty DJL cache, reads MiniLM's weights from its jar and trains one epoch on it. Prints OK when done.
 */
public final class OfflineTrainingProbe {
  private OfflineTrainingProbe() {
  }

  public static void main(String[] args) {
    PretrainedEncoder base = new PretrainedEncoder(EncoderModel.ALL_MINILM_L6_V2);
    FineTuneParams params = new FineTuneParams(base.id(), 1e-4, 16, 4, 1, 1L, Recipe.defaults().withTrainableLayers(1));
    List<Example> data = List.of(
        new Example("a", base.frame(base.chunks("sunshine and dancing all night", 16).get(0)), 0, 0.5f, 0.5f),
        new Example("b", base.frame(base.chunks("tears fall in the cold grey rain", 16).get(0)), 2, -0.5f, -0.5f));
    EpochTrainer.Result r = EpochTrainer.train(base, params, InitialState.of(base, params), data,
        new float[] {1, 1, 1, 1}, 1, 0, Device.cpu());
    System.out.println(r.steps() == 1 && Double.isFinite(r.meanLoss()) ? "OK" : "FAILED " + r.meanLoss());
  }
}
