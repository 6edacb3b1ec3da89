package dev.songmood.finetune;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.songmood.encode.EncoderModel;
import dev.songmood.encode.finetuned.BaseEncoder;
import dev.songmood.encode.finetuned.NamedTensors;
import java.util.Map;

/**
 * A {@link QuadrantNet} on one device with the base encoder's weights and a fine-tuning's trained weights loaded, the
 * layers below the trained ones frozen. Owns its NDManager: close it to free the device memory.
 */
public final class Network implements AutoCloseable {
  public static final String ENGINE = "PyTorch";
  private static final int CLASSES = 4;

  private final NDManager manager;
  private final QuadrantNet net;
  private final ParameterStore store;

  private Network(NDManager manager, QuadrantNet net) {
    this.manager = manager;
    this.net = net;
    this.store = new ParameterStore(manager, false);
  }

  /** DJL's PyTorch engine, its native library loaded; fails naming the jar that brings it when it is absent. */
  public static Engine engine() {
    try {
      return Engine.getEngine(ENGINE);
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      throw new IllegalStateException(EncoderModel.notOnClasspath("PyTorch (DJL engine " + ENGINE + ") cannot start: "
          + e.getMessage() + "; its native library"), e);
    }
  }

  /**
   * Builds the net on {@code device}: base weights everywhere, then {@code trained} (encoder layers and heads) on top.
   * Trainable parameters get gradients; frozen ones do not.
   */
  public static Network open(BaseEncoder base, Recipe recipe, NamedTensors trained, Device device) {
    NDManager manager = engine().newBaseManager(device);
    try {
      BertEncoder encoder = new BertEncoder(base.config(), (float) recipe.dropout());
      QuadrantNet net = new QuadrantNet(encoder, base.pooling(), CLASSES, (float) recipe.dropout());
      Shape input = new Shape(1, 8);
      net.initialize(manager, DataType.FLOAT32, input, input, input);
      encoder.load(base.weights().select(encoder.parameters().keySet()));
      encoder.trainTopLayers(Math.min(recipe.trainableLayers(), base.config().layers()));
      if (trained != null) {
        net.load(trained);
      }
      for (Parameter p : net.getParameters().values()) {
        p.getArray().setRequiresGradient(p.requiresGradient());
      }
      return new Network(manager, net);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  public NDManager manager() { return manager; }

  public QuadrantNet net() { return net; }

  public ParameterStore store() { return store; }

  public Map<String, Parameter> trainable() { return net.trainable(); }

  @Override
  public void close() {
    manager.close();
  }
}
