package dev.songmood.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.songmood.encode.EncoderModel;
import dev.songmood.encode.finetuned.NamedTensors;
import dev.songmood.encode.finetuned.QuadrantHeads;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network fine-tuning trains: the BERT encoder, the chunk vector exactly as labelling makes it (the model's own
 * pooling, mean over real tokens or [CLS], then L2-normalised), and two heads on it: the quadrant logits and the
 * standardised valence/arousal, both reading the unit vector times {@link QuadrantHeads#inputScale}. Outputs: logits {@code (B, 4)}, coordinates {@code (B, 2)}, chunk vectors
 * {@code (B, hidden)}. Heads are linear, so applying them to a song's pooled vector (as labelling does) is the same
 * as pooling what they give each chunk.
 */
public final class QuadrantNet extends AbstractBlock {

  private final BertEncoder encoder;
  private final EncoderModel.Pooling pooling;
  private final float dropout;
  private final Linear quadrant;
  private final Linear coordinates;
  private final int classes;

  public QuadrantNet(BertEncoder encoder, EncoderModel.Pooling pooling, int classes, float dropout) {
    super((byte) 1);
    this.encoder = addChildBlock("encoder", encoder);
    this.pooling = pooling;
    this.dropout = dropout;
    this.classes = classes;
    this.quadrant = addChildBlock("quadrant", Linear.builder().setUnits(classes).build());
    this.coordinates = addChildBlock("coordinates", Linear.builder().setUnits(2).build());
  }

  public BertEncoder encoder() { return encoder; }

  /** The parameters fine-tuning updates, by name: the encoder's unfrozen ones and the heads'. */
  public Map<String, Parameter> trainable() {
    Map<String, Parameter> out = new LinkedHashMap<>();
    for (String n : encoder.trainableNames()) {
      out.put(n, encoder.parameters().get(n));
    }
    out.put(QuadrantHeads.QUADRANT_WEIGHT, quadrant.getParameters().get("weight"));
    out.put(QuadrantHeads.QUADRANT_BIAS, quadrant.getParameters().get("bias"));
    out.put(QuadrantHeads.COORDINATES_WEIGHT, coordinates.getParameters().get("weight"));
    out.put(QuadrantHeads.COORDINATES_BIAS, coordinates.getParameters().get("bias"));
    return out;
  }

  /** Current values of the trainable parameters. */
  public NamedTensors exportTrainable() {
    NamedTensors out = new NamedTensors();
    trainable().forEach((n, p) -> out.put(n, p.getArray().getShape().getShape(), p.getArray().toFloatArray()));
    return out;
  }

  /** Loads encoder weights and/or head weights by name (names this net does not have are an error). */
  public void load(NamedTensors weights) {
    NamedTensors encoderPart = new NamedTensors();
    Map<String, Parameter> heads = Map.of(QuadrantHeads.QUADRANT_WEIGHT, quadrant.getParameters().get("weight"),
        QuadrantHeads.QUADRANT_BIAS, quadrant.getParameters().get("bias"),
        QuadrantHeads.COORDINATES_WEIGHT, coordinates.getParameters().get("weight"),
        QuadrantHeads.COORDINATES_BIAS, coordinates.getParameters().get("bias"));
    for (Map.Entry<String, NamedTensors.Tensor> e : weights.asMap().entrySet()) {
      Parameter head = heads.get(e.getKey());
      if (head != null) {
        head.getArray().set(java.nio.FloatBuffer.wrap(e.getValue().data()));
      } else {
        encoderPart.put(e.getKey(), e.getValue());
      }
    }
    encoder.load(encoderPart);
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray states = encoder.forward(ps, inputs, training).head();
    NDArray vectors = chunkVectors(states, inputs.get(2));
    NDArray scaled = vectors.mul(QuadrantHeads.inputScale(encoder.config().hidden()));
    NDArray dropped = Dropout.dropout(scaled, dropout, training).head();
    NDArray logits = quadrant.forward(ps, new NDList(dropped), training).head();
    NDArray coords = coordinates.forward(ps, new NDList(dropped), training).head();
    return new NDList(logits, coords, vectors);
  }

  /** Pools token states the way {@link EncoderModel.Pooling} does, then scales each vector to unit length. */
  NDArray chunkVectors(NDArray states, NDArray mask) {
    NDArray pooled;
    if (pooling == EncoderModel.Pooling.CLS) {
      pooled = states.get(":, 0, :");
    } else {
      NDArray m = mask.toType(DataType.FLOAT32, false).expandDims(2);
      pooled = states.mul(m).sum(new int[] {1}).div(m.sum(new int[] {1}).maximum(1e-9f));
    }
    NDArray norm = pooled.pow(2).sum(new int[] {1}, true).sqrt().maximum(1e-12f);
    return pooled.div(norm);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputs) {
    long b = inputs[0].get(0);
    return new Shape[] {new Shape(b, classes), new Shape(b, 2), new Shape(b, encoder.config().hidden())};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
    encoder.initialize(manager, dataType, inputs);
    Shape vector = new Shape(inputs[0].get(0), encoder.config().hidden());
    quadrant.initialize(manager, dataType, vector);
    coordinates.initialize(manager, dataType, vector);
  }
}
