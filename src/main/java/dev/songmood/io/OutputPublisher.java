package dev.songmood.io;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an output directory so that a failed or killed run never leaves a half-written one in its place: the
 * content is written to a staging directory beside it, then swapped in by renames. The previous output stays
 * readable until the swap. What a killed run leaves is undone by the next publish of the same directory: a previous
 * output is put back first if the kill came between the two renames, then the rest is removed.
 *
 * <p>Staging and the previous output live in one work directory of this class's own, {@code TARGET.publishing/}
 * ({@code staging-RUN}, {@code previous-RUN}), removed when the publish ends; only it is ever listed, never the
 * target's parent, so the names of the target's neighbours (a {@code :} in one) cannot stop a run, and glob
 * characters in the target's own name mean nothing.
 *
 * <p>The last step writes a {@link PublishedMarker} (every file with its size) into the published directory. On local
 * disk and HDFS a rename is atomic. On s3a:// the staging content is written by the S3A committer (no rename inside
 * the write), but the swap is S3A's rename, a server-side copy of each file then a delete: a run killed during those
 * seconds (the log line gives them) can leave the directory partly swapped. Its marker then is missing or does not
 * match, so readers that check it (the model loader) refuse it, and the next publish puts the previous complete
 * directory back before anything else. The label job's tables do not use this class: Delta commits are atomic on S3.
 */
public final class OutputPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(OutputPublisher.class);
  static final String WORK = ".publishing";
  static final String STAGING = "staging-";
  static final String PREVIOUS = "previous-";

  private final HadoopFiles files;

  public OutputPublisher(HadoopFiles files) {
    this.files = files;
  }

  /** Writes with {@code writer} into a staging path, then publishes it at {@code path}. */
  public void publish(String path, String runId, Consumer<String> writer) {
    publish(path, runId, writer, false);
  }

  /**
   * As {@link #publish}, with a sealed marker (each file's SHA-256, {@link PublishedMarker#writeSealed}): for the
   * directories whose content readers verify before use (models).
   */
  public void publishSealed(String path, String runId, Consumer<String> writer) {
    publish(path, runId, writer, true);
  }

  private void publish(String path, String runId, Consumer<String> writer, boolean sealed) {
    String target = stripSlash(path);
    recover(target);
    String work = target + WORK;
    String staging = work + "/" + STAGING + runId;
    String previous = work + "/" + PREVIOUS + runId;
    long start = System.nanoTime();
    writer.accept(staging);
    long written = System.nanoTime();
    boolean hadPrevious = files.exists(target);
    if (hadPrevious) {
      files.rename(target, previous);
    }
    files.rename(staging, target);
    if (sealed) {
      PublishedMarker.writeSealed(files, target);
    } else {
      PublishedMarker.write(files, target);
    }
    files.delete(work);
    LOG.info(String.format(Locale.ROOT, "published %s (written in %.1f s, swapped in %.1f s)", target,
        (written - start) / 1e9, (System.nanoTime() - written) / 1e9));
  }

  /**
   * Undoes what a killed publish of {@code target} left behind: when {@code target} is missing or incomplete (a swap
   * cut short), the newest complete previous directory goes back in its place; then the work directory goes.
   */
  void recover(String target) {
    String work = target + WORK;
    List<String> left = files.children(work);
    if (left.isEmpty()) {
      return;
    }
    List<String> previous = left.stream().filter(n -> n.startsWith(PREVIOUS)).map(n -> work + "/" + n).toList();
    boolean whole = files.exists(target) && PublishedMarker.problem(files, target).isEmpty();
    for (int i = previous.size() - 1; i >= 0 && !whole; i--) {
      if (PublishedMarker.problem(files, previous.get(i)).isEmpty()) {
        files.delete(target);
        files.rename(previous.get(i), target);
        LOG.warn("put back {}: a run was killed while replacing it", target);
        whole = true;
      }
    }
    files.delete(work);
    LOG.info("removed {} ({}), left by a killed run", work, String.join(", ", left));
  }

  private static String stripSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
