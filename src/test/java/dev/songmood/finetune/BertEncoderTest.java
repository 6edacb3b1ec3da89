package dev.songmood.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.songmood.encode.Chunker;
import dev.songmood.encode.EncoderModel;
import dev.songmood.encode.OnnxEncoder;
import dev.songmood.encode.finetuned.BertConfig;
import dev.songmood.encode.finetuned.PretrainedEncoder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DJL block with MiniLM's weights gives ONNX Runtime's chunk vectors (the point of building it). */
class BertEncoderTest {
  static final List<String> TEXTS = List.of(
      "Here comes the sun, and I say it's all right",
      "I walk alone through the empty streets tonight\nthe rain keeps falling on my broken heart",
      "We will dance until the morning light, nothing can stop us now, shout it out loud",
      "Quiet river, carry me home to the hills where the tall grass grows and the evening is still and warm, "
          + "slow and easy, the old porch swing and the fireflies over the field");

  @Test
  void miniLmBlockReproducesOnnxRuntime() {
    EncoderModel model = EncoderModel.ALL_MINILM_L6_V2;
    PretrainedEncoder base = new PretrainedEncoder(model);
    BertConfig c = base.config();
    assertEquals(6, c.layers());
    assertEquals(384, c.hidden());
    assertEquals(12, c.heads());
    Chunker chunker = Chunker.forModel(model);
    List<Chunker.Chunk> chunks = new ArrayList<>();
    TEXTS.forEach(t -> chunks.addAll(chunker.chunk(t, 128, 0)));
    List<long[]> framed = chunks.stream().map(ch -> base.frame(ch.ids())).toList();
    // batched together, so padding is exercised too
    float[][] djl = EpochTrainer.chunkVectors(base, Recipe.defaults(), null, framed, 8, Device.cpu());
    float[][] ort = OnnxEncoder.load(model, 1).encode(chunks, 1);
    for (int i = 0; i < chunks.size(); i++) {
      double cos = cosine(djl[i], ort[i]);
      assertTrue(cos >= 0.9999, "chunk " + i + " cosine " + cos);
    }
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
