package dev.songmood.bench;

import dev.songmood.runtime.SparkConfFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The benchmarks' Spark session: the job's own settings as submit.sh passes them for a local run
 * (conf/spark-defaults.conf, then conf/local.conf), so a benchmark measures what users run; {@code -Dspark.*} system
 * properties win (default master local[2]).
 */
final class BenchSession {
  private BenchSession() {
  }

  static SparkSession local(String appName) {
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    if (System.getProperty("spark.master") == null) {
      b.master("local[2]");
    }
    Map<String, String> settings = new LinkedHashMap<>();
    for (String file : List.of("conf/spark-defaults.conf", "conf/local.conf")) {  // run from the repository root
      settings.putAll(SparkConfFile.read(Path.of(file)));
    }
    settings.put("spark.ui.showConsoleProgress", "false");
    settings.forEach((k, v) -> {
      if (System.getProperty(k) == null) {
        b.config(k, v);
      }
    });
    return b.getOrCreate();
  }
}
