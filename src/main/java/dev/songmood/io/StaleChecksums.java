package dev.songmood.io;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Hadoop's local file system keeps a checksum of each file it writes in a hidden {@code .NAME.crc} beside it and
 * checks every read against it. A file edited afterwards by anything else (an editor, a script) no longer matches
 * its {@code .crc}, and reading it fails with a {@code ChecksumException} deep inside a task. The fix is the user's
 * to make (the file may also be damaged): the run stops before any work (exit 2), naming the {@code .crc} to delete.
 * Caught two ways: before reading, a {@code .crc} older than its file (edited after Hadoop wrote it); and any
 * {@code ChecksumException} a run meets later, explained by {@link #explain}.
 */
public final class StaleChecksums {
  private static final Pattern FILE = Pattern.compile("Checksum error: (\\S+)");

  private StaleChecksums() {
  }

  /** Throws {@link IllegalArgumentException} when {@code file} has a checksum file older than itself. */
  public static void require(Configuration conf, FileStatus file) {
    try {
      FileSystem fs = file.getPath().getFileSystem(conf);
      if (!(fs instanceof ChecksumFileSystem checksummed)) {
        return;
      }
      Path crc = checksummed.getChecksumFile(file.getPath());
      FileStatus sums = checksummed.getRawFileSystem().exists(crc)
          ? checksummed.getRawFileSystem().getFileStatus(crc) : null;
      // A checksum file is closed after its data file: older by more than a second means the file changed since.
      if (sums != null && sums.getModificationTime() + 1000 < file.getModificationTime()) {
        throw new IllegalArgumentException(message(file.getPath().toString(), crc.toString()));
      }
    } catch (IOException e) {
      // the check is a courtesy: the read reports a real problem with the file
    }
  }

  /** The exit-2 message for a ChecksumException among {@code e}'s causes, if there is one. */
  public static Optional<String> explain(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ChecksumException) {
        Matcher m = FILE.matcher(String.valueOf(t.getMessage()));
        if (m.find()) {
          Path file = new Path(m.group(1));
          return Optional.of(message(file.toString(), new Path(file.getParent(), "." + file.getName() + ".crc")
              .toString()));
        }
        return Optional.of("a file does not match its .crc checksum file (" + t.getMessage() + "): delete the "
            + ".crc beside it if the file was edited on purpose, or restore the file");
      }
    }
    return Optional.empty();
  }

  private static String message(String file, String crc) {
    file = file.startsWith("file:") ? new Path(file).toUri().getPath() : file;
    crc = crc.startsWith("file:") ? new Path(crc).toUri().getPath() : crc;
    return file + " does not match its checksum file " + crc + " (the file was changed after Hadoop wrote it): "
        + "if the change was on purpose, delete " + crc + " and run again; else restore the file";
  }
}
