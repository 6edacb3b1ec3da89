package dev.songmood.finetune;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.songmood.io.HadoopFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fine-tuning's checkpoints on the {@code --out} file system (local, HDFS or s3a://): after every epoch the
 * averaged state ({@code last.bin}), the best state so far ({@code best.bin}) and the history
 * ({@code progress.json}); {@code complete.json} once training ended. A run that was killed resumes from
 * {@code last.bin}; a run whose training had completed reuses {@code best.bin} without training again. The directory
 * is named by a key of everything that determines the result (base weights, hyperparameters, training songs), so a
 * changed input never resumes a stale run.
 */
public final class Checkpoints {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final HadoopFiles files;
  private final String dir;

  public Checkpoints(HadoopFiles files, String root, String key) {
    this.files = files;
    this.dir = root + "/" + key;
  }

  public String dir() { return dir; }

  public boolean hasLast() { return files.exists(dir + "/last.bin") && files.exists(dir + "/progress.json"); }

  public boolean isComplete() { return files.exists(dir + "/complete.json") && files.exists(dir + "/best.bin"); }

  public TrainingState last() { return TrainingState.fromBytes(files.readBytes(dir + "/last.bin")); }

  public TrainingState best() { return TrainingState.fromBytes(files.readBytes(dir + "/best.bin")); }

  /** After an epoch: the state, whether it is the best so far, and the history up to it. */
  public void save(TrainingState state, boolean best, List<Map<String, Object>> history) {
    byte[] bytes = state.toBytes();
    if (best) {
      files.writeAtomically(dir + "/best.bin", bytes);
    }
    files.writeAtomically(dir + "/last.bin", bytes);
    files.writeAtomically(dir + "/progress.json", json(Map.of("history", history)));
  }

  public void complete(Map<String, Object> summary) {
    files.writeAtomically(dir + "/complete.json", json(summary));
  }

  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> history() {
    try {
      Map<String, Object> m = JSON.readValue(files.readText(dir + "/progress.json"), LinkedHashMap.class);
      return (List<Map<String, Object>>) m.get("history");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir + "/progress.json", e);
    }
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> summary() {
    try {
      return JSON.readValue(files.readText(dir + "/complete.json"), LinkedHashMap.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir + "/complete.json", e);
    }
  }

  public void delete() {
    files.delete(dir);
  }

  private static byte[] json(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
