package dev.songmood.finetune;

import ai.djl.Device;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * Which device a training task uses: the GPU that Spark's resource scheduling assigned to it
 * ({@code TaskContext.resources()}, with {@code spark.task.resource.gpu.amount} set), when this JVM's PyTorch build
 * has CUDA; the CPU otherwise, with a log line saying why, so a misconfigured GPU cluster is seen at once.
 */
public final class TrainingDevice {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingDevice.class);
  public static final String GPU = "gpu";

  private TrainingDevice() {
  }

  /** The device for the calling task (CPU outside a Spark task). */
  public static Device forTask() {
    TaskContext task = TaskContext.get();
    if (task == null) {
      return Device.cpu();
    }
    String where = "training task " + task.partitionId() + " (stage " + task.stageId() + ", attempt "
        + task.attemptNumber() + ")";
    Option<ResourceInformation> gpu = task.resources().get(GPU);
    if (gpu.isEmpty() || gpu.get().addresses().length == 0) {
      LOG.info("{}: no GPU assigned by Spark; training on CPU", where);
      return Device.cpu();
    }
    String address = gpu.get().addresses()[0];
    int cuda = Network.engine().getGpuCount();
    if (cuda == 0) {
      LOG.warn("{}: Spark assigned GPU address {} but this PyTorch build has no CUDA device (CPU natives; build "
          + "with -Pgpu on a CUDA machine); training on CPU", where, address);
      return Device.cpu();
    }
    int ordinal;
    try {
      ordinal = Integer.parseInt(address.trim());
    } catch (NumberFormatException e) {
      LOG.warn("{}: GPU address '{}' is not a CUDA ordinal; training on CPU", where, address);
      return Device.cpu();
    }
    if (ordinal < 0 || ordinal >= cuda) {
      LOG.warn("{}: GPU address {} but CUDA sees {} device(s); training on CPU", where, ordinal, cuda);
      return Device.cpu();
    }
    LOG.info("{}: training on GPU {} (assigned by Spark)", where, ordinal);
    return Device.gpu(ordinal);
  }
}
