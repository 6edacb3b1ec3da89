package dev.songmood.encode.finetuned;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Named fp32 tensors in PyTorch layout (HuggingFace names, e.g. {@code encoder.layer.5.output.dense.weight}): what
 * travels between the driver and the training tasks, what a checkpoint holds, and what a fine-tuned model keeps of
 * its encoder. Insertion order is kept, so the bytes (and the SHA-256) of equal contents are equal.
 *
 * <p>Binary format: magic {@code SMT1}, count, then per tensor: name (UTF), rank, dims (long), values (float).
 */
public final class NamedTensors implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int MAGIC = 0x534d5431; // "SMT1"

  /** One tensor: its shape and its values in row-major order. */
  public record Tensor(long[] shape, float[] data) implements Serializable {
    public Tensor {
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      if (n != data.length) {
        throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, not "
            + data.length);
      }
    }
  }

  private final LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();

  public NamedTensors put(String name, long[] shape, float[] data) {
    tensors.put(name, new Tensor(shape.clone(), data));
    return this;
  }

  public NamedTensors put(String name, Tensor t) {
    tensors.put(name, t);
    return this;
  }

  public Tensor get(String name) {
    Tensor t = tensors.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no tensor " + name + " (have " + tensors.size() + ")");
    }
    return t;
  }

  public boolean has(String name) { return tensors.containsKey(name); }

  public Set<String> names() { return Collections.unmodifiableSet(tensors.keySet()); }

  public Map<String, Tensor> asMap() { return Collections.unmodifiableMap(tensors); }

  public int size() { return tensors.size(); }

  /** Total number of values. */
  public long values() {
    return tensors.values().stream().mapToLong(t -> t.data().length).sum();
  }

  /** The named tensors, in the given order; fails naming the first one missing. */
  public NamedTensors select(java.util.Collection<String> wanted) {
    NamedTensors out = new NamedTensors();
    for (String n : wanted) {
      out.put(n, get(n));
    }
    return out;
  }

  /** The tensors whose names start with {@code prefix}, with the prefix taken off. */
  public NamedTensors withPrefix(String prefix) {
    NamedTensors out = new NamedTensors();
    tensors.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k.substring(prefix.length()), v);
      }
    });
    return out;
  }

  /** These tensors with {@code prefix} put in front of every name. */
  public NamedTensors prefixed(String prefix) {
    NamedTensors out = new NamedTensors();
    tensors.forEach((k, v) -> out.put(prefix + k, v));
    return out;
  }

  /** Adds every tensor of {@code other} (names must not collide). */
  public NamedTensors putAll(NamedTensors other) {
    other.tensors.forEach((k, v) -> {
      if (tensors.containsKey(k)) {
        throw new IllegalArgumentException("tensor " + k + " given twice");
      }
      tensors.put(k, v);
    });
    return this;
  }

  /**
   * The weighted mean of several sets with the same names and shapes: {@code sum(w_i * t_i) / sum(w_i)}, in double
   * precision. How the driver averages the workers' weights (each weighted by the examples it trained on).
   */
  public static NamedTensors weightedMean(java.util.List<NamedTensors> sets, double[] weights) {
    if (sets.isEmpty() || sets.size() != weights.length) {
      throw new IllegalArgumentException("need one weight per tensor set and at least one set");
    }
    double total = Arrays.stream(weights).sum();
    if (!(total > 0)) {
      throw new IllegalArgumentException("weights must add up to more than 0, got " + Arrays.toString(weights));
    }
    NamedTensors first = sets.get(0);
    NamedTensors out = new NamedTensors();
    for (Map.Entry<String, Tensor> e : first.tensors.entrySet()) {
      int n = e.getValue().data().length;
      double[] sum = new double[n];
      for (int s = 0; s < sets.size(); s++) {
        Tensor t = sets.get(s).get(e.getKey());
        if (!Arrays.equals(t.shape(), e.getValue().shape())) {
          throw new IllegalArgumentException("tensor " + e.getKey() + " has shape " + Arrays.toString(t.shape())
              + " in set " + s + " but " + Arrays.toString(e.getValue().shape()) + " in set 0");
        }
        double w = weights[s];
        float[] d = t.data();
        for (int i = 0; i < n; i++) {
          sum[i] += w * d[i];
        }
      }
      float[] mean = new float[n];
      for (int i = 0; i < n; i++) {
        mean[i] = (float) (sum[i] / total);
      }
      out.put(e.getKey(), e.getValue().shape(), mean);
    }
    for (NamedTensors s : sets) {
      if (!s.tensors.keySet().equals(first.tensors.keySet())) {
        throw new IllegalArgumentException("tensor sets to average have different names");
      }
    }
    return out;
  }

  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, values() * 4 + 1024));
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(tensors.size());
      for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
        out.writeUTF(e.getKey());
        long[] shape = e.getValue().shape();
        out.writeInt(shape.length);
        for (long d : shape) {
          out.writeLong(d);
        }
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(e.getValue().data().length * 4);
        buf.asFloatBuffer().put(e.getValue().data());
        out.write(buf.array());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static NamedTensors fromBytes(byte[] bytes) {
    NamedTensors out = new NamedTensors();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readInt() != MAGIC) {
        throw new IllegalArgumentException("not a songmood tensor file (bad magic)");
      }
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        String name = in.readUTF();
        long[] shape = new long[in.readInt()];
        long n = 1;
        for (int d = 0; d < shape.length; d++) {
          shape[d] = in.readLong();
          n *= shape[d];
        }
        byte[] raw = new byte[Math.toIntExact(n * 4)];
        in.readFully(raw);
        float[] data = new float[(int) n];
        java.nio.ByteBuffer.wrap(raw).asFloatBuffer().get(data);
        out.put(name, shape, data);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated or corrupt tensor file: " + e.getMessage(), e);
    }
    return out;
  }

  /** SHA-256 of {@link #toBytes()}: pins a fine-tuned model's weights. */
  public String sha256() {
    return sha256(toBytes());
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
