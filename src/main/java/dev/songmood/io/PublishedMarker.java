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
 *
 * <p>A sealed marker ({@link #writeSealed}, for models) adds each file's SHA-256 ({@code path<TAB>bytes<TAB>sha256}):
 * a reader then checks every file's content, and refuses a file the marker does not list, so a file edited in place
 * (same size) or added after publication is found before anything reads it.
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

  /** Writes the marker listing what {@code dir} holds now with each file's SHA-256: seals it as it is. */
  public static void writeSealed(HadoopFiles files, String dir) {
    StringBuilder text = new StringBuilder();
    listing(files, dir).forEach((name, size) -> text.append(name).append('\t').append(size).append('\t')
        .append(sha256(files, dir + "/" + name)).append('\n'));
    files.writeText(dir + "/" + NAME, text.toString());
  }

  /** Whether {@code dir} has a marker with content hashes. */
  public static boolean isSealed(HadoopFiles files, String dir) {
    String marker = dir + "/" + NAME;
    return files.exists(marker) && entries(files.readText(marker)).values().stream().anyMatch(e -> e.sha256 != null);
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
    Map<String, Entry> listed = entries(files.readText(marker));
    Map<String, Long> found = listing(files, dir);
    boolean sealed = false;
    for (Map.Entry<String, Entry> e : listed.entrySet()) {
      Long size = found.get(e.getKey());
      if (size == null) {
        return Optional.of(e.getKey() + " is missing: its publication was cut short; rerun the command that writes it");
      }
      if (size != e.getValue().bytes) {
        return Optional.of(e.getKey() + " has " + size + " bytes, not " + e.getValue().bytes
            + ": it changed after publication");
      }
      String sealedHash = e.getValue().sha256;
      if (sealedHash != null) {
        sealed = true;
        String hash = sha256(files, dir + "/" + e.getKey());
        if (!hash.equals(sealedHash)) {
          return Optional.of(e.getKey() + " changed after publication (its SHA-256 is " + hash + ", sealed as "
              + sealedHash + ")");
        }
      }
    }
    if (sealed) {
      for (String name : found.keySet()) {
        if (!listed.containsKey(name)) {
          return Optional.of(name + " was added after publication (the marker does not list it)");
        }
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

  /** The SHA-256 of a file's bytes, as lower-case hex. */
  static String sha256(HadoopFiles files, String path) {
    Path p = new Path(path);
    return ContentHash.sha256(files.fs(p), p);
  }

  /** One line of the marker: a file's size and, in a sealed marker, its SHA-256 (else null). */
  private record Entry(long bytes, String sha256) {
  }

  private static Map<String, Entry> entries(String marker) {
    Map<String, Entry> listed = new TreeMap<>();
    for (String line : marker.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      int last = line.lastIndexOf('\t');
      String tail = line.substring(last + 1);
      if (tail.length() == 64 && tail.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        String rest = line.substring(0, last);
        int tab = rest.lastIndexOf('\t');
        listed.put(rest.substring(0, tab), new Entry(Long.parseLong(rest.substring(tab + 1)), tail));
      } else {
        listed.put(line.substring(0, last), new Entry(Long.parseLong(tail), null));
      }
    }
    return listed;
  }

  /** Every file under {@code dir} but the marker, by path relative to {@code dir}, with its size. */
  private static Map<String, Long> listing(HadoopFiles files, String dir) {
    Map<String, Long> sizes = files.sizes(dir);
    sizes.remove(NAME);
    return sizes;
  }
}
