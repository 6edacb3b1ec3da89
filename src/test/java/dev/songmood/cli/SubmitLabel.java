package dev.songmood.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code label} runs through {@code submit.sh}, each in its own JVM as a nightly scheduler starts it, for the
 * integration tests: each run's stdout and stderr go to {@code NAME.out} and {@code NAME.err} under a folder, and the
 * catalogs it is given are written there too.
 */
final class SubmitLabel {
  static final Path PROJECT = Path.of(System.getProperty("songmood.project.dir", ".")).toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LOG_TAIL_CHARS = 6000;

  private final Path dir;
  private final String driverMemory;

  /** Runs whose logs and catalogs go under {@code dir}, each JVM with {@code driverMemory} of heap. */
  SubmitLabel(Path dir, String driverMemory) {
    this.dir = dir;
    this.driverMemory = driverMemory;
  }

  /** Starts {@code label --input catalog --out out}, 50 songs per task; {@code name} names its logs. */
  Process start(Path catalog, Path out, String name) throws IOException {
    ProcessBuilder pb = new ProcessBuilder("bash", PROJECT.resolve("submit.sh").toString(), "label", "--input",
        catalog.toString(), "--out", out.toString(), "--songs-per-task", "50").directory(PROJECT.toFile())
        .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
    pb.environment().put("SONGMOOD_DRIVER_MEMORY", driverMemory);
    return pb.start();
  }

  /** What the run printed: its stdout whole, then the tail of its stderr (for assertion messages). */
  String log(String name) throws IOException {
    String err = Files.readString(dir.resolve(name + ".err"));
    return stdout(name) + "\n--- stderr tail ---\n" + err.substring(Math.max(0, err.length() - LOG_TAIL_CHARS));
  }

  String stdout(String name) throws IOException {
    return Files.readString(dir.resolve(name + ".out"));
  }

  /**
   * The sample catalog's rows (its 12 good songs and 8 bad rows), then its good songs again with new ids, to
   * {@code n} rows.
   */
  Path catalog(int n) throws IOException {
    List<String> sample = Files.readAllLines(PROJECT.resolve("sample-data/catalog.jsonl"));
    List<ObjectNode> good = new ArrayList<>();
    for (String line : sample) {
      try {
        JsonNode node = JSON.readTree(line);
        if (node instanceof ObjectNode obj && obj.path("lyrics").asText("").length() > 200) {
          good.add(obj);
        }
      } catch (IOException malformed) {
        // the sample's deliberately broken line stays in, as a line of text
      }
    }
    List<String> lines = new ArrayList<>(sample);
    for (int i = 0; lines.size() < n; i++) {
      ObjectNode copy = good.get(i % good.size()).deepCopy();
      copy.put("id", String.format("copy%05d", i));
      lines.add(JSON.writeValueAsString(copy));
    }
    Path file = dir.resolve("catalog-" + n + ".jsonl");
    Files.write(file, lines);
    return file;
  }
}
