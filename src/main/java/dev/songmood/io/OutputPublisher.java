package dev.songmood.io;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an output directory so that a failed or killed run never leaves a half-written one in its place: the
 * content is written to a staging sibling, then swapped in by renames. The previous output stays readable until
 * the swap, and a leftover staging directory from a killed run is removed by the next run.
 *
 * <p>The nightly incremental tables (issue 4) build on this; object stores without atomic rename get their own
 * commit protocol (issue 5).
 */
public final class OutputPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(OutputPublisher.class);

  private final HadoopFiles files;

  public OutputPublisher(HadoopFiles files) {
    this.files = files;
  }

  /** Writes with {@code writer} into a staging path, then publishes it at {@code path}. */
  public void publish(String path, String runId, Consumer<String> writer) {
    String target = stripSlash(path);
    String staging = target + ".staging-" + runId;
    String previous = target + ".previous-" + runId;
    files.delete(staging);
    writer.accept(staging);
    boolean hadPrevious = files.exists(target);
    if (hadPrevious) {
      files.rename(target, previous);
    }
    files.rename(staging, target);
    if (hadPrevious) {
      files.delete(previous);
    }
    LOG.info("published {}", target);
  }

  private static String stripSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
