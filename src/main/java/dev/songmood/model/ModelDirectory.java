package dev.songmood.model;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What a model directory is: {@value EmotionModel#PIPELINE_DIR}/ and {@value EmotionModel#PROVENANCE_FILE} under a
 * directory that exists; checked by the command line before Spark starts and by {@link EmotionModel#load}.
 */
public final class ModelDirectory {
  private ModelDirectory() {
  }

  /** Fails with a clear message when {@code dir} does not exist or lacks a model's files. */
  public static void require(FileSystem fs, String dir) throws IOException {
    if (!fs.exists(new Path(dir))) {
      throw new IllegalArgumentException("model directory does not exist: " + dir);
    }
    if (!fs.exists(new Path(dir, EmotionModel.PIPELINE_DIR))
        || !fs.exists(new Path(dir, EmotionModel.PROVENANCE_FILE))) {
      throw new IllegalArgumentException("not a model directory (expected " + EmotionModel.PIPELINE_DIR + "/ and "
          + EmotionModel.PROVENANCE_FILE + "): " + dir);
    }
  }
}
