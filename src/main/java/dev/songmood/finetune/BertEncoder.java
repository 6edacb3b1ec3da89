package dev.songmood.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.songmood.encode.finetuned.BertConfig;
import dev.songmood.encode.finetuned.NamedTensors;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A HuggingFace-compatible BERT encoder built from DJL layers, so that the PyTorch engine can train it. DJL's own
 * BertBlock does not fit these weights (it normalises with BatchNorm and fixes 512 positions); this one reproduces
 * ONNX Runtime's output of the shipped graphs (cosine 1.0 in BertEncoderTest).
 *
 * <p>Inputs: token ids, token type ids, attention mask (all {@code (B, T)} int64). Output: the last hidden state
 * {@code (B, T, hidden)}. Parameters are addressed by their HuggingFace names ({@link #parameters()}).
 */
public final class BertEncoder extends AbstractBlock {
  private final BertConfig config;
  private final float dropout;
  private final Parameter wordEmbeddings;
  private final Parameter positionEmbeddings;
  private final Parameter typeEmbeddings;
  private final LayerNorm embeddingNorm;
  private final List<Layer> layers = new ArrayList<>();
  private final Map<String, Parameter> byName = new LinkedHashMap<>();

  public BertEncoder(BertConfig config, float dropout) {
    super((byte) 1);
    this.config = config;
    this.dropout = dropout;
    wordEmbeddings = addParameter(weight("word_embeddings", new Shape(config.vocab(), config.hidden())));
    positionEmbeddings = addParameter(weight("position_embeddings", new Shape(config.maxPositions(), config.hidden())));
    typeEmbeddings = addParameter(weight("token_type_embeddings", new Shape(config.typeVocab(), config.hidden())));
    embeddingNorm = addChildBlock("embeddings_norm", norm());
    byName.put("embeddings.word_embeddings.weight", wordEmbeddings);
    byName.put("embeddings.position_embeddings.weight", positionEmbeddings);
    byName.put("embeddings.token_type_embeddings.weight", typeEmbeddings);
    name("embeddings.LayerNorm", embeddingNorm);
    for (int i = 0; i < config.layers(); i++) {
      Layer layer = addChildBlock("layer_" + i, new Layer());
      layers.add(layer);
      String p = BertConfig.layerPrefix(i);
      name(p + "attention.self.query", layer.query);
      name(p + "attention.self.key", layer.key);
      name(p + "attention.self.value", layer.value);
      name(p + "attention.output.dense", layer.attentionOut);
      name(p + "attention.output.LayerNorm", layer.attentionNorm);
      name(p + "intermediate.dense", layer.intermediate);
      name(p + "output.dense", layer.output);
      name(p + "output.LayerNorm", layer.outputNorm);
    }
  }

  private static Parameter weight(String name, Shape shape) {
    return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(shape).build();
  }

  private LayerNorm norm() {
    return LayerNorm.builder().axis(2).optEpsilon(config.layerNormEps()).build();
  }

  private void name(String hf, Linear l) {
    byName.put(hf + ".weight", l.getParameters().get("weight"));
    byName.put(hf + ".bias", l.getParameters().get("bias"));
  }

  private void name(String hf, LayerNorm n) {
    byName.put(hf + ".weight", n.getParameters().get("gamma"));
    byName.put(hf + ".bias", n.getParameters().get("beta"));
  }

  public BertConfig config() { return config; }

  /** Every parameter by HuggingFace name, in graph order. */
  public Map<String, Parameter> parameters() { return byName; }

  /**
   * Freezes everything below the top {@code trainable} layers (embeddings included): their weights stay the
   * pre-trained ones, no gradient is kept for them, and only the top layers travel, are checkpointed and are saved.
   */
  public void trainTopLayers(int trainable) {
    if (trainable < 1 || trainable > config.layers()) {
      throw new IllegalArgumentException("trainable layers must be 1.." + config.layers() + ", got " + trainable);
    }
    for (Parameter p : List.of(wordEmbeddings, positionEmbeddings, typeEmbeddings)) {
      p.freeze(true);
    }
    embeddingNorm.freezeParameters(true);
    for (int i = 0; i < layers.size(); i++) {
      layers.get(i).freezeParameters(i < config.layers() - trainable);
    }
  }

  /** HuggingFace names of the trained (not frozen) parameters. */
  public List<String> trainableNames() {
    return byName.entrySet().stream().filter(e -> e.getValue().requiresGradient()).map(Map.Entry::getKey).toList();
  }

  /** Copies the named weights into the (initialised) parameters; every name must exist and every shape match. */
  public void load(NamedTensors weights) {
    for (Map.Entry<String, NamedTensors.Tensor> e : weights.asMap().entrySet()) {
      Parameter p = byName.get(e.getKey());
      if (p == null) {
        throw new IllegalArgumentException("the encoder has no parameter " + e.getKey());
      }
      if (!Arrays.equals(p.getArray().getShape().getShape(), e.getValue().shape())) {
        throw new IllegalArgumentException("parameter " + e.getKey() + " has shape " + p.getArray().getShape()
            + ", the weights " + Arrays.toString(e.getValue().shape()));
      }
      p.getArray().set(FloatBuffer.wrap(e.getValue().data()));
    }
  }

  /** The current values of the named parameters. */
  public NamedTensors export(List<String> names) {
    NamedTensors out = new NamedTensors();
    for (String n : names) {
      NDArray a = byName.get(n).getArray();
      out.put(n, a.getShape().getShape(), a.toFloatArray());
    }
    return out;
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray ids = inputs.get(0);
    NDArray types = inputs.get(1);
    NDArray mask = inputs.get(2);
    long batch = ids.getShape().get(0);
    long width = ids.getShape().get(1);
    var device = ids.getDevice();
    NDArray x = Embedding.embedding(ids, ps.getValue(wordEmbeddings, device, training), SparseFormat.DENSE).head();
    x = x.add(Embedding.embedding(types, ps.getValue(typeEmbeddings, device, training), SparseFormat.DENSE).head());
    x = x.add(ps.getValue(positionEmbeddings, device, training).get(new NDIndex("0:{}", width)));
    x = embeddingNorm.forward(ps, new NDList(x), training).head();
    x = Dropout.dropout(x, dropout, training).head();
    // additive attention mask (B, 1, 1, T): 0 for real tokens, -10000 for padding (as HuggingFace's BERT)
    NDArray maskOffset = mask.toType(DataType.FLOAT32, false).neg().add(1f).mul(-10000f).reshape(batch, 1, 1, width);
    for (Layer layer : layers) {
      x = layer.forward(ps, new NDList(x, maskOffset), training).head();
    }
    return new NDList(x);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputs) {
    return new Shape[] {new Shape(inputs[0].get(0), inputs[0].get(1), config.hidden())};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
    Shape hidden = new Shape(inputs[0].get(0), inputs[0].get(1), config.hidden());
    Shape mask = new Shape(inputs[0].get(0), 1, 1, inputs[0].get(1));
    embeddingNorm.initialize(manager, dataType, hidden);
    for (Layer layer : layers) {
      layer.initialize(manager, dataType, hidden, mask);
    }
  }

  /** One post-LayerNorm transformer layer. */
  private final class Layer extends AbstractBlock {
    final Linear query;
    final Linear key;
    final Linear value;
    final Linear attentionOut;
    final LayerNorm attentionNorm;
    final Linear intermediate;
    final Linear output;
    final LayerNorm outputNorm;

    Layer() {
      super((byte) 1);
      query = addChildBlock("query", Linear.builder().setUnits(config.hidden()).build());
      key = addChildBlock("key", Linear.builder().setUnits(config.hidden()).build());
      value = addChildBlock("value", Linear.builder().setUnits(config.hidden()).build());
      attentionOut = addChildBlock("attention_out", Linear.builder().setUnits(config.hidden()).build());
      attentionNorm = addChildBlock("attention_norm", norm());
      intermediate = addChildBlock("intermediate", Linear.builder().setUnits(config.intermediate()).build());
      output = addChildBlock("output", Linear.builder().setUnits(config.hidden()).build());
      outputNorm = addChildBlock("output_norm", norm());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
        PairList<String, Object> params) {
      NDArray x = inputs.get(0);
      NDArray maskOffset = inputs.get(1);
      long b = x.getShape().get(0);
      long t = x.getShape().get(1);
      int heads = config.heads();
      int d = config.hidden() / heads;
      NDArray q = query.forward(ps, new NDList(x), training).head().reshape(b, t, heads, d).transpose(0, 2, 1, 3);
      NDArray k = key.forward(ps, new NDList(x), training).head().reshape(b, t, heads, d).transpose(0, 2, 3, 1);
      NDArray v = value.forward(ps, new NDList(x), training).head().reshape(b, t, heads, d).transpose(0, 2, 1, 3);
      NDArray scores = q.matMul(k).div((float) Math.sqrt(d)).add(maskOffset);
      NDArray probs = Dropout.dropout(scores.softmax(-1), dropout, training).head();
      NDArray context = probs.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, config.hidden());
      NDArray a = attentionOut.forward(ps, new NDList(context), training).head();
      a = Dropout.dropout(a, dropout, training).head();
      NDArray x1 = attentionNorm.forward(ps, new NDList(a.add(x)), training).head();
      NDArray h = intermediate.forward(ps, new NDList(x1), training).head().getNDArrayInternal().gelu();
      h = Dropout.dropout(output.forward(ps, new NDList(h), training).head(), dropout, training).head();
      return outputNorm.forward(ps, new NDList(h.add(x1)), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
      return new Shape[] {inputs[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
      Shape h = inputs[0];
      for (Linear l : List.of(query, key, value, attentionOut, intermediate)) {
        l.initialize(manager, dataType, h);
      }
      attentionNorm.initialize(manager, dataType, h);
      output.initialize(manager, dataType, new Shape(h.get(0), h.get(1), config.intermediate()));
      outputNorm.initialize(manager, dataType, h);
    }
  }
}
