package dev.songmood.model;

import dev.songmood.io.HadoopFiles;
import dev.songmood.io.PublishedMarker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model directory's seal: the SHA-256 of each of its files, recorded in its publication marker
 * ({@link PublishedMarker#writeSealed}) when {@code train} publishes it, and checked before anything of it is read.
 * A model directory is data others can write (a shared bucket): a file changed in place, same size or not, or a file
 * added, stops the load (exit 2) naming it. A directory without hashes (published by an older songmood, or copied
 * without its marker) loads with one warning saying how to seal it: {@code ./submit.sh seal-model --model DIR},
 * which trusts the directory as it is now.
 */
public final class ModelSeal {
  private static final Logger LOG = LoggerFactory.getLogger(ModelSeal.class);
  /** The Java-serialised load snapshot older songmood versions wrote; never read, removed by {@link #seal}. */
  static final String OLD_SNAPSHOT = "pipeline.snapshot";

  private ModelSeal() {
  }

  /** Fails with an IllegalArgumentException (exit 2) naming the file when {@code dir} is not as it was sealed. */
  static void verify(HadoopFiles files, String dir) {
    if (!PublishedMarker.isSealed(files, dir)) {
      PublishedMarker.requireComplete(files, dir, "the model");  // on S3, a publication cut short
      if (!files.exists(dir + "/" + EmotionModel.PIPELINE_DIR)) {
        return;  // not a model: the loader says so
      }
      LOG.warn("model {} is unverified: it has no content hashes (published by an older songmood, or saved outside "
          + "train); to trust its files as they are now, seal it: ./submit.sh seal-model --model {}", dir, dir);
      return;
    }
    PublishedMarker.problem(files, dir).ifPresent(p -> {
      throw new IllegalArgumentException("the model " + dir + " is incomplete or not as it was published: " + p
          + ". Train it again or copy its published directory back; if you made the change and trust it, seal it "
          + "again: ./submit.sh seal-model --model " + dir);
    });
  }

  /**
   * Records the SHA-256 of every file of the model directory {@code dir} as it is now (the old load snapshot
   * removed first); returns how many files the seal covers.
   */
  public static int seal(HadoopFiles files, String dir) {
    if (!files.exists(dir + "/" + EmotionModel.PIPELINE_DIR) || !files.exists(dir + "/" + EmotionModel.PROVENANCE_FILE)) {
      throw new IllegalArgumentException("not a model directory (expected " + EmotionModel.PIPELINE_DIR + "/ and "
          + EmotionModel.PROVENANCE_FILE + "): " + dir);
    }
    if (files.exists(dir + "/" + OLD_SNAPSHOT)) {
      files.delete(dir + "/" + OLD_SNAPSHOT);
      LOG.info("removed {}/{}: an older songmood's load snapshot, no longer read", dir, OLD_SNAPSHOT);
    }
    PublishedMarker.writeSealed(files, dir);
    return files.sizes(dir).size() - 1;
  }
}
