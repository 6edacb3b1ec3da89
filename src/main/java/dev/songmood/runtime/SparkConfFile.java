package dev.songmood.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Spark properties file as spark-submit reads {@code --properties-file} (conf/spark-defaults.conf, conf/local.conf):
 * one {@code key value} per line, blank lines and {@code #} comments skipped. For the harnesses that build a session
 * themselves (benchmarks, tests) and must run with the job's settings, not a copy of them.
 */
public final class SparkConfFile {
  private SparkConfFile() {
  }

  /** The settings of {@code file}, in file order. */
  public static Map<String, String> read(Path file) {
    Map<String, String> settings = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(file)) {
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("#")) {
          String[] kv = t.split("\\s+", 2);
          settings.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Spark settings in " + file, e);
    }
    return settings;
  }
}
