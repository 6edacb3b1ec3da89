package dev.songmood.model;

import dev.songmood.io.HadoopFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A copy of a saved pipeline that loads in a fraction of a second, beside the Spark ML directory it copies.
 *
 * <p>Spark ML's reader runs a Spark job for every metadata file and data table: 49 jobs and 14 s for the shipped
 * model in a fresh JVM, most of a quiet night's wall time and of a cold {@code predict}. The snapshot is the loaded
 * pipeline in Java serialisation (Spark ML stages are serialisable: Spark ships them to executors the same way),
 * written at save time and keyed by a fingerprint of the directory (every file's path and length) and the Spark
 * version. The directory stays the source of truth: a snapshot that is missing, stale (the directory changed, Spark
 * was upgraded), or unreadable (a stage class changed) is ignored with a log line and the model loads the Spark way.
 * Only classes of Java, Scala, Spark, Breeze and songmood are accepted when reading it.
 */
final class PipelineSnapshot {
  static final String FILE = "pipeline.snapshot";
  /**
   * Larger snapshots are not written: a pipeline with weights of its own (a fine-tuned encoder's layers) loads at
   * the speed of reading them anyway, and a second copy would double a shipped model's size.
   */
  static final int MAX_BYTES = 4 << 20;
  private static final Logger LOG = LoggerFactory.getLogger(PipelineSnapshot.class);
  private static final ObjectInputFilter ALLOWED = ObjectInputFilter.Config.createFilter(
      "java.**;scala.**;org.apache.spark.**;breeze.**;dev.songmood.**;[*;!*");

  private PipelineSnapshot() {
  }

  /** Writes the snapshot of {@code pipeline}, saved at {@code pipelineDir}, into {@code modelDir}. */
  static void write(HadoopFiles files, String modelDir, String pipelineDir, PipelineModel pipeline) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeUTF(fingerprint(files, pipelineDir));
      out.writeObject(pipeline);
    } catch (IOException | RuntimeException e) {  // a stage that cannot be serialised: the model loads the Spark way
      LOG.info("model: no load snapshot written ({}); the model loads through Spark ML's reader", e.toString());
      return;
    }
    if (bytes.size() > MAX_BYTES) {
      LOG.info("model: no load snapshot written ({} bytes, more than {}); the model loads through Spark ML's reader",
          bytes.size(), MAX_BYTES);
      return;
    }
    files.write(modelDir + "/" + FILE, bytes.toByteArray());
  }

  /** The pipeline saved at {@code pipelineDir}, from a snapshot that matches it, or empty. */
  static Optional<PipelineModel> read(HadoopFiles files, String modelDir, String pipelineDir) {
    String path = modelDir + "/" + FILE;
    if (!files.exists(path)) {
      return Optional.empty();
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(files.readBytes(path)))) {
      in.setObjectInputFilter(ALLOWED);
      if (!in.readUTF().equals(fingerprint(files, pipelineDir))) {
        LOG.info("model: {} does not match {} (changed since, or another Spark version); loading through Spark ML",
            path, pipelineDir);
        return Optional.empty();
      }
      return Optional.of((PipelineModel) in.readObject());
    } catch (IOException | java.io.UncheckedIOException | ClassNotFoundException | ClassCastException e) {
      LOG.info("model: cannot read {} ({}); loading through Spark ML", path, e.toString());
      return Optional.empty();
    }
  }

  /** The Spark version and every file under the directory with its length, hashed. */
  static String fingerprint(HadoopFiles files, String dir) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(("spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + "\n").getBytes(StandardCharsets.UTF_8));
      files.sizes(dir).forEach((name, length) -> sha.update((name + " " + length + "\n").getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
