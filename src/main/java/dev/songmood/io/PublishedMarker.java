package dev.songmood.io;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;

/**
 * The {@code _PUBLISHED} file {@link OutputPublisher} writes last into a directory it published: every file of the
 * directory with its size, one {@code path<TAB>bytes} line each. On a store whose rename is a copy (S3), it is what
 * tells a complete directory from one whose swap was cut short: the marker is written only after the swap, and a
 * reader checks the listing against it. Readers ignore it as they ignore {@code _SUCCESS} (a leading underscore).
 */
public final class PublishedMarker {
  public static final String NAME = "_PUBLISHED";
  /** Stores whose directory rename is atomic: there a directory without a marker (an older songmood's) is whole. */
  private static final Set<String> ATOMIC_RENAME = Set.of("file", "hdfs", "viewfs");

  private PublishedMarker() {
  }

  /** Writes the marker listing what {@code dir} holds now. */
  static void write(HadoopFiles files, String dir) {
    StringBuilder text = new StringBuilder();
    listing(files, dir).forEach((name, size) -> text.append(name).append('\t').append(size).append('\n'));
    files.writeText(dir + "/" + NAME, text.toString());
  }

  /** Why {@code dir} is not a complete published directory, or empty when it is. */
  public static Optional<String> problem(HadoopFiles files, String dir) {
    String marker = dir + "/" + NAME;
    if (!files.exists(marker)) {
      String scheme = new Path(dir).toUri().getScheme();
      return ATOMIC_RENAME.contains(scheme == null ? "file" : scheme) ? Optional.empty()
          : Optional.of("it has no " + NAME + " file: its publication was cut short, or it was copied there without "
              + "it (copy the whole directory, " + NAME + " included), or an older songmood wrote it (rerun the "
              + "command that writes it)");
    }
    Map<String, Long> listed = new TreeMap<>();
    for (String line : files.readText(marker).split("\n")) {
      if (!line.isEmpty()) {
        int tab = line.lastIndexOf('\t');
        listed.put(line.substring(0, tab), Long.parseLong(line.substring(tab + 1)));
      }
    }
    Map<String, Long> found = listing(files, dir);
    for (Map.Entry<String, Long> e : listed.entrySet()) {
      Long size = found.get(e.getKey());
      if (size == null) {
        return Optional.of(e.getKey() + " is missing: its publication was cut short; rerun the command that writes it");
      }
      if (!size.equals(e.getValue())) {
        return Optional.of(e.getKey() + " has " + size + " bytes, not " + e.getValue() + ": it changed after publication");
      }
    }
    return Optional.empty();
  }

  /** Fails with an {@link IllegalArgumentException} (exit 2) when {@code dir} is not complete. */
  public static void requireComplete(HadoopFiles files, String dir, String what) {
    problem(files, dir).ifPresent(p -> {
      throw new IllegalArgumentException(what + " " + dir + " is incomplete: " + p);
    });
  }

  /** Every file under {@code dir} but the marker, by path relative to {@code dir}, with its size. */
  private static Map<String, Long> listing(HadoopFiles files, String dir) {
    Map<String, Long> sizes = files.sizes(dir);
    sizes.remove(NAME);
    return sizes;
  }
}
