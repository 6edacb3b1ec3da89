package dev.songmood.encode.finetuned;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import dev.songmood.encode.EncoderModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A BERT encoder's ONNX graph (as exported by HuggingFace Optimum), read with the ONNX protobuf classes: its weights
 * by HuggingFace name in PyTorch layout, and a copy of the graph with some weights replaced, which is how a
 * fine-tuned encoder is served by ONNX Runtime with the graph the base model shipped.
 *
 * <p>Most initializers carry their HuggingFace names. The dense layers' weights do not: the exporter turned each
 * {@code nn.Linear} into a MatMul with an anonymous, transposed ({@code [in, out]}) initializer; they are named here
 * through the MatMul node's name ({@code /encoder/layer.0/attention/self/query/MatMul}).
 */
public final class OnnxGraph {
  private final OnnxMl.ModelProto proto;
  /** ONNX initializer name to HuggingFace name, for the MatMul weights (stored transposed). */
  private final Map<String, String> matMulWeights = new HashMap<>();

  private OnnxGraph(OnnxMl.ModelProto proto) {
    this.proto = proto;
    Map<String, Boolean> initializers = new HashMap<>();
    proto.getGraph().getInitializerList().forEach(t -> initializers.put(t.getName(), true));
    for (OnnxMl.NodeProto n : proto.getGraph().getNodeList()) {
      if (n.getOpType().equals("MatMul") && n.getInputCount() == 2 && initializers.containsKey(n.getInput(1))
          && n.getName().endsWith("/MatMul")) {
        String hf = n.getName().replaceFirst("^/", "").replaceFirst("/MatMul$", "").replace('/', '.') + ".weight";
        matMulWeights.put(n.getInput(1), hf);
      }
    }
  }

  /** The base encoder's graph, read from its jar on the classpath. */
  public static OnnxGraph of(EncoderModel model) {
    if (model.quantized()) {
      throw new IllegalArgumentException(model.id() + " is int8-quantised: fine-tuning starts from fp32 weights ("
          + "all-minilm-l6-v2 or bge-small-en-v15)");
    }
    try (InputStream in = model.open(model.onnxResource())) {
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + model.onnxResource(), e);
    }
  }

  public static OnnxGraph read(InputStream in) throws IOException {
    CodedInputStream coded = CodedInputStream.newInstance(in);
    coded.setSizeLimit(Integer.MAX_VALUE);
    return new OnnxGraph(OnnxMl.ModelProto.parseFrom(coded));
  }

  /** Every fp32 weight by HuggingFace name, dense weights transposed to PyTorch's {@code [out, in]}. */
  public NamedTensors weights() {
    NamedTensors out = new NamedTensors();
    for (OnnxMl.TensorProto t : proto.getGraph().getInitializerList()) {
      if (t.getDataType() != OnnxMl.TensorProto.DataType.FLOAT_VALUE) {
        continue;
      }
      long[] shape = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
      float[] data = floats(t);
      String hf = matMulWeights.get(t.getName());
      if (hf != null) {
        out.put(hf, new long[] {shape[1], shape[0]}, transpose(data, (int) shape[0], (int) shape[1]));
      } else if (!t.getName().startsWith("onnx::")) {
        out.put(t.getName(), shape, data);
      }
    }
    return out;
  }

  /**
   * The serialised graph with the given weights (HuggingFace names, PyTorch layout) in place of the base ones; every
   * other weight and every node is the base graph's. Fails on a name the graph does not have or a shape that differs.
   */
  public byte[] withWeights(NamedTensors replaced) {
    Map<String, String> hfToOnnx = new HashMap<>();
    matMulWeights.forEach((onnx, hf) -> hfToOnnx.put(hf, onnx));
    Map<String, NamedTensors.Tensor> pending = new LinkedHashMap<>(replaced.asMap());
    OnnxMl.GraphProto.Builder graph = proto.getGraph().toBuilder();
    for (int i = 0; i < graph.getInitializerCount(); i++) {
      OnnxMl.TensorProto t = graph.getInitializer(i);
      String onnxName = t.getName();
      String hf = matMulWeights.getOrDefault(onnxName, onnxName);
      NamedTensors.Tensor w = pending.remove(hf);
      if (w == null) {
        continue;
      }
      long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
      float[] data = w.data();
      long[] expected = matMulWeights.containsKey(onnxName) ? new long[] {dims[1], dims[0]} : dims;
      if (!java.util.Arrays.equals(expected, w.shape())) {
        throw new IllegalArgumentException("weight " + hf + " has shape " + java.util.Arrays.toString(w.shape())
            + " but the graph's is " + java.util.Arrays.toString(expected));
      }
      if (matMulWeights.containsKey(onnxName)) {
        data = transpose(data, (int) dims[1], (int) dims[0]);
      }
      ByteBuffer bytes = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      bytes.asFloatBuffer().put(data);
      graph.setInitializer(i, t.toBuilder().clearFloatData().setRawData(ByteString.copyFrom(bytes.array())).build());
    }
    if (!pending.isEmpty()) {
      throw new IllegalArgumentException("the graph has no weights named " + pending.keySet());
    }
    return proto.toBuilder().setGraph(graph).build().toByteArray();
  }

  /** The LayerNorm epsilon the exporter wrote (BERT's 1e-12 when none is found). */
  public float layerNormEpsilon() {
    for (OnnxMl.NodeProto n : proto.getGraph().getNodeList()) {
      if (n.getOpType().equals("LayerNormalization")) {
        for (OnnxMl.AttributeProto a : n.getAttributeList()) {
          if (a.getName().equals("epsilon")) {
            return a.getF();
          }
        }
      }
      if (n.getOpType().equals("Constant") && n.getName().matches(".*LayerNorm/Constant(_1)?")
          && n.getAttributeCount() > 0) {
        OnnxMl.TensorProto t = n.getAttribute(0).getT();
        if (t.getDataType() == OnnxMl.TensorProto.DataType.FLOAT_VALUE) {
          float[] v = floats(t);
          if (v.length == 1 && v[0] > 0 && v[0] < 1e-3) {
            return v[0];
          }
        }
      }
    }
    return 1e-12f;
  }

  private static float[] floats(OnnxMl.TensorProto t) {
    if (!t.getRawData().isEmpty()) {
      ByteBuffer bb = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      float[] data = new float[bb.remaining() / 4];
      bb.asFloatBuffer().get(data);
      return data;
    }
    float[] data = new float[t.getFloatDataCount()];
    for (int i = 0; i < data.length; i++) {
      data[i] = t.getFloatData(i);
    }
    return data;
  }

  /** {@code [rows, cols]} to {@code [cols, rows]}. */
  static float[] transpose(float[] data, int rows, int cols) {
    float[] out = new float[data.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[c * rows + r] = data[r * cols + c];
      }
    }
    return out;
  }
}
