package dev.songmood.input;

import java.util.List;

/**
 * What to read: paths (local or any Hadoop file system), their format, the column mapping, an optional row limit
 * for smoke runs (0: all rows), and how text files are read ({@link ReadOptions}).
 */
public record InputSpec(List<String> paths, InputFormat format, Columns columns, int limit, ReadOptions read) {
  public InputSpec(List<String> paths, InputFormat format, Columns columns, int limit) {
    this(paths, format, columns, limit, ReadOptions.DETECT);
  }

  public InputSpec {
    read = read == null ? ReadOptions.DETECT : read;
    paths = List.copyOf(paths);
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("no input path given");
    }
    if (limit < 0) {
      throw new IllegalArgumentException("--limit must be 0 (all rows) or positive");
    }
  }

  public static InputSpec of(String path) {
    return new InputSpec(List.of(path), InputFormat.AUTO, Columns.defaults(), 0);
  }

  /** Paths as they may be shown in logs and provenance: any user info (user:secret@) removed. */
  public List<String> displayPaths() {
    return paths.stream().map(p -> p.replaceAll("^([a-zA-Z0-9+.-]+://)[^/@]*@", "$1")).toList();
  }
}
