package dev.songmood.io;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.security.AccessControlException;

/** Checks an output directory before any work: that it is, or can become, a directory this run may write in. */
public final class OutputLocation {
  private OutputLocation() {
  }

  /** Throws {@link IllegalArgumentException} (exit 2) naming the problem; {@code option} is how the user gave it. */
  public static void requireWritable(Configuration conf, String option, String dir) {
    Path path;
    try {
      path = new Path(dir);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " " + dir + ": not a path Hadoop can hold (a ':' in a name?): "
          + e.getMessage());
    }
    try {
      FileSystem fs = path.getFileSystem(conf);
      Path existing = path;
      while (existing != null && !fs.exists(existing)) {
        existing = existing.getParent();
      }
      if (existing == null) {
        return;  // a bucket root: S3A reports what is wrong when it writes
      }
      FileStatus status = fs.getFileStatus(existing);
      if (!status.isDirectory()) {
        throw new IllegalArgumentException(option + " " + dir + ": " + existing + " is a file, not a directory");
      }
      try {
        fs.access(existing, FsAction.WRITE_EXECUTE);
      } catch (AccessControlException e) {
        throw new IllegalArgumentException(option + " " + dir + ": cannot write in " + existing
            + ": permission denied (a read-only directory?)", e);
      }
    } catch (IOException e) {
      throw StorageErrors.before("check the output directory", dir, e);
    }
  }
}
