package dev.songmood.encode.sparknlp;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The temporary folders that Spark NLP's ONNX imports and loads leave behind (a copy of the graph each, 90 MB for an
 * fp32 encoder), and the folders this package writes for an import: all deleted when the JVM exits.
 */
final class SparkNlpTempCopies {
  private SparkNlpTempCopies() {}

  /** Deletes {@code folder} and what it holds when the JVM exits. */
  static void deleteAtExit(Path folder) {
    TEMP_COPIES.add(folder);
  }

  /** Spark NLP's temporary folders: 12 hex characters of a uuid, a name, "onnx" and createTempDirectory's digits. */
  private static final Pattern SPARK_NLP_TEMP = Pattern.compile("[0-9a-f]{12}_\\w*onnx\\d+");
  private static final Set<Path> TEMP_COPIES = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> TEMP_COPIES.forEach(SparkNlpTempCopies::deleteTree),
        "songmood-sparknlp-temp-cleanup"));
  }

  /**
   * Runs a Spark NLP import or load and deletes, when the JVM exits, the temporary folders it created (they must
   * live as long as the application: executors fetch the ONNX copy registered with addFile lazily). Folders that
   * another process creates with Spark NLP's naming during the same call would be taken too; loads are short.
   */
  static <T> T deletingAtExit(Supplier<T> body) {
    Set<String> before = sparkNlpTempFolders();
    T result = body.get();
    Set<String> created = sparkNlpTempFolders();
    created.removeAll(before);
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    created.forEach(name -> TEMP_COPIES.add(tmp.resolve(name)));
    return result;
  }

  private static Set<String> sparkNlpTempFolders() {
    String[] names = new File(System.getProperty("java.io.tmpdir")).list();
    Set<String> found = new HashSet<>();
    if (names != null) {
      for (String n : names) {
        if (SPARK_NLP_TEMP.matcher(n).matches()) {
          found.add(n);
        }
      }
    }
    return found;
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // best effort at exit: a temporary folder
    }
  }
}
