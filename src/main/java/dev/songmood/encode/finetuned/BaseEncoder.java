package dev.songmood.encode.finetuned;

import dev.songmood.encode.EncoderModel;
import java.io.Serializable;

/**
 * The pre-trained encoder a fine-tuning starts from: its architecture, its weights (HuggingFace names, PyTorch
 * layout), how a chunk becomes a vector, and how a chunk's token ids are framed ([CLS] prefix chunk [SEP]).
 * Serializable, so that it travels to the training tasks; the weights themselves are read on each executor (once per
 * JVM), never shipped from the driver.
 */
public interface BaseEncoder extends Serializable {
  /** The id saved in the model, e.g. all-minilm-l6-v2. */
  String id();

  EncoderModel.Pooling pooling();

  BertConfig config();

  /** All pre-trained weights. */
  NamedTensors weights();

  /** SHA-256 of the pre-trained weights' source (the .onnx file), which a fine-tuned model is pinned to. */
  String weightsSha256();

  /** The model's input ids for one chunk of token ids. */
  long[] frame(long[] chunkIds);

  /** Token ids of the chunks of {@code text}, at most {@code maxTokens} each, as labelling cuts them. */
  java.util.List<long[]> chunks(String text, int maxTokens);

  static BaseEncoder of(String id) {
    return new PretrainedEncoder(EncoderModel.parse(id));
  }
}
