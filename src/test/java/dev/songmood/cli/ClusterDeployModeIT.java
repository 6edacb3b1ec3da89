package dev.songmood.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code submit.sh --deploy-mode cluster} on the loopback standalone cluster: the driver starts in a worker's JVM,
 * in a directory of its own, with no path of the submitting machine to lean on. The shipped model (the default: no
 * {@code --model}, no {@code SONGMOOD_MODEL}) and {@code conf/log4j2.properties} reach it under their shipped names,
 * the sample catalog is labelled with the shipped model, and the driver's log is in the project's format.
 */
@Tag("slow")
class ClusterDeployModeIT {
  private static final Path PROJECT = Path.of(System.getProperty("songmood.project.dir", ".")).toAbsolutePath();
  private static final Path CLUSTER_DIR = PROJECT.resolve("target/cluster-deploy-it");
  /** conf/log4j2.properties' pattern: seconds, no milliseconds (cluster.sh's own logging has them). */
  private static final Pattern PROJECT_FORMAT = Pattern.compile("(?m)^\\d\\d:\\d\\d:\\d\\d INFO  ShippedFiles: "
      + "logging: configured from .*/log4j2\\.properties$");
  private static String master;

  @TempDir
  Path tmp;

  @BeforeAll
  static void startCluster() throws Exception {
    stop();
    // One worker with two cores: one for the driver, one for the executor.
    Process p = new ProcessBuilder("bash", PROJECT.resolve("cluster.sh").toString(), "start", "--workers", "1",
        "--cores", "2", "--memory", "3g", "--dir", CLUSTER_DIR.toString()).directory(PROJECT.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    master = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor(3, TimeUnit.MINUTES), "cluster.sh start timed out");
    assertEquals(0, p.exitValue());
  }

  @AfterAll
  static void stop() throws Exception {
    Process p = new ProcessBuilder("bash", PROJECT.resolve("cluster.sh").toString(), "stop", "--dir",
        CLUSTER_DIR.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "cluster.sh stop timed out");
  }

  private Process submit(String name, String... command) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("bash", PROJECT.resolve("submit.sh").toString(), "--master", master,
        "--deploy-mode", "cluster", "--driver-memory", "1500m", "--conf", "spark.executor.memory=1g",
        "--conf", "spark.sql.shuffle.partitions=4"));
    cmd.addAll(List.of(command));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(PROJECT.toFile())
        .redirectOutput(tmp.resolve(name + ".out").toFile()).redirectError(tmp.resolve(name + ".err").toFile());
    pb.environment().remove("SPARK_HOME");
    pb.environment().remove("SONGMOOD_MODEL");
    pb.environment().put("SONGMOOD_DRIVER_MEMORY", "512m");  // the launcher only: the driver runs on the worker
    return pb.start();
  }

  private static List<Path> driverDirs() throws IOException {
    Path work = CLUSTER_DIR.resolve("work");
    if (!Files.isDirectory(work)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(work)) {
      return s.filter(p -> p.getFileName().toString().startsWith("driver-")).sorted().toList();
    }
  }

  @Test
  void labelsWithTheShippedModelAndLogsWithTheProjectsConfiguration() throws Exception {
    Path out = tmp.resolve("labelled");
    List<Path> before = driverDirs();
    Process p = submit("label", "label", "--input", PROJECT.resolve("sample-data/catalog.jsonl").toString(), "--out",
        out.toString());
    assertTrue(p.waitFor(8, TimeUnit.MINUTES), "label in cluster mode timed out");
    List<Path> drivers = new ArrayList<>(driverDirs());
    drivers.removeAll(before);
    assertEquals(1, drivers.size(), "one driver started on the worker: " + drivers);
    Path driver = drivers.get(0);
    String log = Files.readString(driver.resolve("stderr"));
    String stdout = Files.readString(driver.resolve("stdout"));
    assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("label.err")) + "\n--- driver ---\n" + log);

    // Both shipped files were fetched into the driver's own directory and used under their shipped names.
    assertTrue(log.contains(PROJECT.resolve("conf/log4j2.properties")
        + " fetched into the working directory as log4j2.properties"), log);
    assertTrue(log.contains("target/songmood-model.zip fetched into the working directory as songmood-model"), log);
    assertTrue(Files.isRegularFile(driver.resolve("songmood-model/provenance.json")), "the model unpacked");
    assertTrue(PROJECT_FORMAT.matcher(log).find(), "the project's log4j2.properties is applied: " + log);
    String after = log.substring(log.indexOf("logging: configured from"));
    assertTrue(Pattern.compile("(?m)^\\d\\d:\\d\\d:\\d\\d INFO  LabelJob: ").matcher(after).find(),
        "the job's lines in the project's format: " + after);
    assertFalse(Pattern.compile("(?m)^\\S+ INFO  (SparkContext|DAGScheduler|TaskSetManager): ").matcher(after)
        .find(), "Spark at WARN, as conf/log4j2.properties says: " + after);

    String version = new ObjectMapper().readTree(PROJECT.resolve("models/default/provenance.json").toFile())
        .path("model_version").asText();
    assertTrue(stdout.contains("labelled with " + version + ": {read=20, labelled=12"), stdout);
    SparkSession spark = TableReader.session("ClusterDeployModeIT-reader");
    try {
      List<Row> rows = spark.read().format("delta").load(out.resolve("predictions").toString())
          .select("id", "model_version").collectAsList();
      assertEquals(12, rows.size());
      assertEquals(new TreeSet<>(List.of(version)), rows.stream().map(r -> r.getString(1))
          .collect(Collectors.toCollection(TreeSet::new)), "every song labelled by the shipped model");
    } finally {
      spark.stop();
    }
  }

  /**
   * A driver that exits 2 (bad input) ends FAILED in the master's state, its reason in its log. spark-submit itself
   * exits 0 (Spark 3.5's standalone client, whatever the driver's end), as docs/cluster-and-deployment.md says.
   */
  @Test
  void aDriverThatFindsBadInputEndsFailed() throws Exception {
    List<Path> before = driverDirs();
    Path missing = tmp.resolve("no-such-catalog.jsonl");
    Process p = submit("bad", "label", "--input", missing.toString(), "--out", tmp.resolve("bad-out").toString());
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the failed submission timed out");
    List<Path> drivers = new ArrayList<>(driverDirs());
    drivers.removeAll(before);
    assertEquals(1, drivers.size(), "one driver started on the worker: " + drivers);
    String driverId = drivers.get(0).getFileName().toString();
    assertTrue(Files.readString(drivers.get(0).resolve("stderr")).contains("input path does not exist: " + missing));
    assertEquals(0, p.exitValue(), "Spark's standalone client now reports the driver's failure: update the docs");
    String webUi = Files.readString(CLUSTER_DIR.resolve("master-webui")).trim();
    Process state = new ProcessBuilder("curl", "-fsS", webUi + "/json/").start();
    JsonNode master = new ObjectMapper().readTree(state.getInputStream().readAllBytes());
    assertTrue(state.waitFor(30, TimeUnit.SECONDS));
    String driverState = null;
    for (JsonNode d : master.path("completeddrivers")) {
      if (d.path("id").asText().equals(driverId)) {
        driverState = d.path("state").asText();
      }
    }
    assertEquals("FAILED", driverState, master.toString());
  }
}
