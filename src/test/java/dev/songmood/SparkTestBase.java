package dev.songmood;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * One real local[2] Spark session for the whole test JVM (UI off, few shuffle partitions), and a temporary
 * directory per test. The session is a test harness: the job itself never sets Spark settings in code.
 */
public abstract class SparkTestBase {
  private static SparkSession session;

  protected SparkSession spark;
  protected Path tmp;

  protected static synchronized SparkSession session() {
    if (session == null) {
      SparkSession.Builder builder = SparkSession.builder();
      // The job's own settings (conf/spark-defaults.conf: Delta, committers, S3A retries), then the harness's.
      jobDefaults().forEach(builder::config);
      session = builder
          .master("local[2]")
          .appName("songmood-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.ui.showConsoleProgress", "false")
          .config("spark.databricks.delta.snapshotPartitions", "2")
          .getOrCreate();
    }
    return session;
  }

  /** The settings of conf/spark-defaults.conf, as submit.sh passes them to spark-submit. */
  private static java.util.Map<String, String> jobDefaults() {
    return dev.songmood.runtime.SparkConfFile.read(projectDir().resolve("conf/spark-defaults.conf"));
  }

  @BeforeEach
  void startSpark() throws IOException {
    spark = session();
    tmp = Files.createTempDirectory("songmood-test");
  }

  @AfterEach
  void removeTmp() throws IOException {
    try (var paths = Files.walk(tmp)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  protected Dataset<Row> frame(StructType schema, Object[]... rows) {
    return spark.createDataFrame(java.util.Arrays.stream(rows).map(RowFactory::create).toList(), schema);
  }

  /** The repository root (set by surefire), for sample-data and notebooks. */
  protected static Path projectDir() {
    return Path.of(System.getProperty("songmood.project.dir", "."));
  }

  protected Path write(String name, String content) throws IOException {
    Path p = tmp.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  protected static List<String> lines(String... l) {
    return List.of(l);
  }
}
