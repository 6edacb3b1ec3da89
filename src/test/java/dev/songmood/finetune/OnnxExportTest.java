package dev.songmood.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.songmood.encode.Chunker;
import dev.songmood.encode.EncoderModel;
import dev.songmood.encode.OnnxEncoder;
import dev.songmood.encode.finetuned.NamedTensors;
import dev.songmood.encode.finetuned.OnnxGraph;
import dev.songmood.encode.finetuned.PretrainedEncoder;
import dev.songmood.encode.finetuned.QuadrantHeads;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fine-tuned weights written back into the base ONNX graph give, under ONNX Runtime, the logits the DJL model gives:
 * what makes labelling with a fine-tuned model the model that was trained.
 */
class OnnxExportTest {

  @Test
  void exportedGraphGivesTheTrainedModelsLogits() {
    EncoderModel model = EncoderModel.ALL_MINILM_L6_V2;
    PretrainedEncoder base = new PretrainedEncoder(model);
    FineTuneParams params = new FineTuneParams(model.id(), 1e-4, 64, 8, 1, 3L, Recipe.defaults());
    TrainingState start = InitialState.of(base, params);
    // "fine-tuned": every trained tensor moved well away from the pre-trained values
    Random r = new Random(5);
    NamedTensors tuned = new NamedTensors();
    start.weights().asMap().forEach((name, t) -> {
      float[] d = t.data().clone();
      for (int i = 0; i < d.length; i++) {
        d[i] += (float) (r.nextGaussian() * 0.05);
      }
      tuned.put(name, t.shape(), d);
    });
    NamedTensors layers = tuned.withPrefix("encoder.").prefixed("encoder.");
    assertEquals(16 * 3, layers.size(), "3 layers of 16 tensors");

    Chunker chunker = Chunker.forModel(model);
    List<Chunker.Chunk> chunks = new ArrayList<>();
    BertEncoderTest.TEXTS.forEach(t -> chunks.addAll(chunker.chunk(t, 64, 0)));
    float[][] djl = EpochTrainer.chunkVectors(base, params.recipe(), tuned,
        chunks.stream().map(c -> base.frame(c.ids())).toList(), 4, Device.cpu());
    byte[] onnx = OnnxGraph.of(model).withWeights(layers);
    float[][] ort = OnnxEncoder.loadVariant(model, NamedTensors.sha256(onnx), () -> onnx, 1, false)
        .encode(chunks, 1);
    float[][] pretrained = OnnxEncoder.load(model, 1).encode(chunks, 1);
    QuadrantHeads heads = QuadrantHeads.of(tuned, new double[] {5, 4}, new double[] {1, 1});
    for (int i = 0; i < chunks.size(); i++) {
      float[] a = heads.logits(djl[i]);
      float[] b = heads.logits(ort[i]);
      for (int c = 0; c < 4; c++) {
        assertEquals(a[c], b[c], 2e-4, "chunk " + i + " class " + c);
      }
      assertTrue(BertEncoderTest.cosine(ort[i], pretrained[i]) < 0.999, "the weights really changed the vectors");
    }
  }

  @Test
  void weightsTheGraphDoesNotHaveAreRefused() {
    OnnxGraph graph = OnnxGraph.of(EncoderModel.ALL_MINILM_L6_V2);
    NamedTensors wrongName = new NamedTensors().put("encoder.layer.9.output.dense.bias", new long[] {384},
        new float[384]);
    assertThrows(IllegalArgumentException.class, () -> graph.withWeights(wrongName));
    NamedTensors wrongShape = new NamedTensors().put("encoder.layer.5.output.dense.bias", new long[] {383},
        new float[383]);
    assertThrows(IllegalArgumentException.class, () -> graph.withWeights(wrongShape));
    assertThrows(IllegalArgumentException.class, () -> OnnxGraph.of(EncoderModel.ALL_MINILM_L6_V2_Q));
  }
}
