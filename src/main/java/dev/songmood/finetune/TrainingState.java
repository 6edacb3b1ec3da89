package dev.songmood.finetune;

import dev.songmood.encode.finetuned.NamedTensors;
import java.io.Serializable;

/**
 * Where a fine-tuning stands after {@code epoch} completed epochs: the trained weights (the encoder's trainable
 * layers and the heads), AdamW's moments, and the number of updates made. What the driver broadcasts to the workers
 * at the start of an epoch, averages at its end, and writes as a checkpoint.
 */
public record TrainingState(int epoch, long step, NamedTensors weights, NamedTensors moments) implements Serializable {

  /** Serialised as two tensor files' bytes with a small header, for checkpoints. */
  public byte[] toBytes() {
    byte[] w = weights.toBytes();
    byte[] m = moments.toBytes();
    java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(4 + 8 + 4 + w.length + 4 + m.length);
    out.putInt(epoch).putLong(step).putInt(w.length).put(w).putInt(m.length).put(m);
    return out.array();
  }

  public static TrainingState fromBytes(byte[] bytes) {
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
    int epoch = in.getInt();
    long step = in.getLong();
    byte[] w = new byte[in.getInt()];
    in.get(w);
    byte[] m = new byte[in.getInt()];
    in.get(m);
    return new TrainingState(epoch, step, NamedTensors.fromBytes(w), NamedTensors.fromBytes(m));
  }
}
