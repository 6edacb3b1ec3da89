package dev.songmood.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code label} on a real standalone cluster on loopback: {@code ./cluster.sh start} (a master and two one-core
 * workers, each its own JVM), {@code ./submit.sh --master spark://...} (the embedded launcher in client mode), the
 * executors in the workers' own JVMs. Then the same with a worker killed (kill -9, with its executor) in the middle of
 * encoding: Spark reruns the lost tasks on the survivor and every song still comes out exactly once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
  private static final Path PROJECT = Path.of(System.getProperty("songmood.project.dir", ".")).toAbsolutePath();
  /** Its own directory, so that a cluster a user started in the default target/cluster is left alone. */
  private static final Path CLUSTER_DIR = PROJECT.resolve("target/cluster-it");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The sample catalog's 12 songs that label accepts; the other 8 rows are quarantined for various reasons. */
  private static final Set<String> SAMPLE_GOOD_IDS = IntStream.rangeClosed(1, 12)
      .mapToObj(i -> String.format("cat%03d", i)).collect(Collectors.toCollection(TreeSet::new));
  private static final int KILL_TEST_SONGS = 2000;

  private static String master;
  private static String webUi;
  private static SparkSession spark;

  @TempDir
  Path tmp;

  @BeforeAll
  static void startCluster() throws Exception {
    stop(); // a cluster left over by an aborted earlier run
    Path log = Files.createDirectories(PROJECT.resolve("target")).resolve("cluster-it-start.log");
    // Each worker advertises one GPU (address "0", from a stand-in discovery script): Spark's resource scheduling
    // then runs as on a GPU cluster, for the jobs that ask for GPUs.
    Process p = new ProcessBuilder("bash", PROJECT.resolve("cluster.sh").toString(), "start", "--workers", "2",
        "--cores", "1", "--memory", "1500m", "--dir", CLUSTER_DIR.toString(), "--gpus", "1", "--gpu-discovery",
        PROJECT.resolve("src/test/resources/fake-gpu-discovery.sh").toString())
        .directory(PROJECT.toFile()).redirectError(log.toFile()).start();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor(3, TimeUnit.MINUTES), "cluster.sh start timed out");
    assertEquals(0, p.exitValue(), stdout + Files.readString(log));
    assertTrue(stdout.matches("spark://127\\.0\\.0\\.1:\\d+"), "stdout is the master URL: " + stdout);
    master = stdout;
    webUi = Files.readString(CLUSTER_DIR.resolve("master-webui")).trim();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    try {
      if (spark != null) {
        spark.stop();
      }
    } finally {
      stop();
    }
  }

  private static void stop() throws Exception {
    Process p = new ProcessBuilder("bash", PROJECT.resolve("cluster.sh").toString(), "stop", "--dir",
        CLUSTER_DIR.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "cluster.sh stop timed out");
  }

  /** The one place that reads an output table (predictions, quarantine). */
  private static Dataset<Row> readTable(SparkSession session, String path) {
    return session.read().format("delta").load(path);
  }

  private static SparkSession spark() {
    if (spark == null) {
      spark = TableReader.session("ClusterIT-reader");
    }
    return spark;
  }

  private Process submitLabel(Path catalog, Path out, String name, String... conf) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("bash", PROJECT.resolve("submit.sh").toString(), "--master", master,
        "--conf", "spark.executor.memory=1g"));
    for (String c : conf) {
      cmd.add("--conf");
      cmd.add(c);
    }
    // Labelling tasks of 100 songs: both executors have tasks to lose when a worker goes.
    cmd.addAll(List.of("label", "--input", catalog.toString(), "--out", out.toString(), "--songs-per-task", "100"));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(PROJECT.toFile())
        .redirectOutput(tmp.resolve(name + ".out").toFile()).redirectError(tmp.resolve(name + ".err").toFile());
    pb.environment().remove("SPARK_HOME");
    pb.environment().put("SONGMOOD_DRIVER_MEMORY", "2g");
    return pb.start();
  }

  private String logs(String name) throws IOException {
    String err = Files.readString(tmp.resolve(name + ".err")).replace('\r', '\n');
    String tail = err.lines().filter(l -> !l.startsWith("[Stage")).skip(Math.max(0, err.lines().count() - 80))
        .collect(Collectors.joining("\n"));
    return Files.readString(tmp.resolve(name + ".out")) + "\n--- stderr (tail) ---\n" + tail;
  }

  private static Set<Path> appDirs() throws IOException {
    Path work = CLUSTER_DIR.resolve("work");
    if (!Files.isDirectory(work)) {
      return Set.of();
    }
    try (Stream<Path> s = Files.list(work)) {
      return s.filter(p -> p.getFileName().toString().startsWith("app-")).collect(Collectors.toSet());
    }
  }

  /** The one application directory (work/app-ID) that appeared since {@code before}; waits for it. */
  private static Path newAppDir(Set<Path> before, Process driver, long timeoutMs) throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (true) {
      Set<Path> now = new HashSet<>(appDirs());
      now.removeAll(before);
      if (now.size() == 1) {
        return now.iterator().next();
      }
      assertTrue(now.size() <= 1, "one application at a time: " + now);
      if (System.currentTimeMillis() >= deadline || driver != null && !driver.isAlive()) {
        return null;
      }
      Thread.sleep(200);
    }
  }

  /** All executor logs (work/app-ID/EXECUTOR/stderr) of an application, concatenated. */
  private static String executorLogs(Path appDir) throws IOException {
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> s = Files.list(appDir)) {
      for (Path exec : s.sorted().toList()) {
        Path stderr = exec.resolve("stderr");
        if (Files.isRegularFile(stderr)) {
          sb.append(Files.readString(stderr)).append('\n');
        }
      }
    }
    return sb.toString();
  }

  private static int count(String text, String pattern) {
    Matcher m = Pattern.compile(pattern).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static JsonNode masterState() throws Exception {
    Process p = new ProcessBuilder("curl", "-fsS", webUi + "/json/").start();
    byte[] body = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return JSON.readTree(body);
  }

  private static List<String> ids(Dataset<Row> table) {
    return table.select("id").collectAsList().stream().map(r -> r.getString(0)).toList();
  }

  @Test
  @Order(1)
  void labelsTheSampleCatalogOnTheClustersExecutors() throws Exception {
    Set<Path> before = appDirs();
    Path out = tmp.resolve("sample");
    // Spark's default of 200 shuffle partitions makes 20 songs take long on two one-core executors.
    Process p = submitLabel(PROJECT.resolve("sample-data/catalog.jsonl"), out, "sample",
        "spark.sql.shuffle.partitions=8");
    assertTrue(p.waitFor(6, TimeUnit.MINUTES), "label on the cluster timed out");
    assertEquals(0, p.exitValue(), logs("sample"));
    assertTrue(Files.readString(tmp.resolve("sample.out")).contains("{read=20, labelled=12"), logs("sample"));

    List<String> predicted = ids(readTable(spark(), out.resolve("predictions").toString()));
    assertEquals(SAMPLE_GOOD_IDS, new TreeSet<>(predicted));
    assertEquals(12, predicted.size(), "one row per labelled song: " + predicted);
    assertEquals(8, readTable(spark(), out.resolve("quarantine").toString()).count());

    // It really ran on the workers' executors: a work dir for the application, executor logs with tasks in them,
    // and the master lists it as finished.
    Path app = newAppDir(before, null, 0);
    assertTrue(app != null, "a new application directory under " + CLUSTER_DIR.resolve("work"));
    String executors = executorLogs(app);
    assertTrue(count(executors, "Executor: Finished task") > 0, "executors ran tasks: " + app);
    assertTrue(executors.contains("CoarseGrainedExecutorBackend"), executors);
    String appId = app.getFileName().toString();
    boolean finished = false;
    for (JsonNode a : masterState().path("completedapps")) {
      finished |= a.path("id").asText().equals(appId) && a.path("state").asText().equals("FINISHED");
    }
    assertTrue(finished, "the master lists " + appId + " as FINISHED: " + masterState());
  }

  /**
   * {@code train --classifiers encoder-finetune} with one GPU per executor and per task: training runs as two
   * data-parallel tasks, one on each worker's executor; each task is handed its GPU address by Spark, finds no CUDA in
   * the CPU build, says so and trains on CPU; the driver only averages, and the model is saved.
   */
  @Test
  @Order(0)
  void fineTuningRunsAsOneTaskPerGpuSlotOnTheExecutors() throws Exception {
    Set<Path> before = appDirs();
    Path out = tmp.resolve("finetune");
    List<String> cmd = new ArrayList<>(List.of("bash", PROJECT.resolve("submit.sh").toString(), "--master", master,
        "--conf", "spark.executor.memory=1g", "--conf", "spark.executor.resource.gpu.amount=1",
        "--conf", "spark.task.resource.gpu.amount=1", "--conf", "spark.sql.shuffle.partitions=4",
        "train", "--input", PROJECT.resolve("sample-data/songs.csv").toString(), "--out", out.toString(),
        "--classifiers", "encoder-finetune", "--finetune-max-tokens", "32", "--finetune-layers", "1",
        "--finetune-epochs", "1", "--finetune-batch-sizes", "8", "--finetune-max-chunks", "1"));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(PROJECT.toFile())
        .redirectOutput(tmp.resolve("finetune.out").toFile()).redirectError(tmp.resolve("finetune.err").toFile());
    pb.environment().remove("SPARK_HOME");
    pb.environment().put("SONGMOOD_DRIVER_MEMORY", "2g");
    Process p = pb.start();
    assertTrue(p.waitFor(8, TimeUnit.MINUTES), "train on the cluster timed out");
    assertEquals(0, p.exitValue(), logs("finetune"));
    assertTrue(Files.isDirectory(out.resolve("model/pipeline")), logs("finetune"));
    String driver = Files.readString(tmp.resolve("finetune.err"));
    assertTrue(driver.contains("2 worker(s)"), "one training task per GPU slot: " + logs("finetune"));

    Path app = newAppDir(before, null, 0);
    assertTrue(app != null, "a new application directory under " + CLUSTER_DIR.resolve("work"));
    String executors = executorLogs(app);
    assertTrue(count(executors, "Spark assigned GPU address 0 but this PyTorch build has no CUDA") >= 2,
        "both executors' training tasks saw their GPU address and fell back to CPU: " + executors);
    assertFalse(driver.contains("assigned GPU address"), "no training on the driver");
  }

  /** The sample's good songs, replicated to {@code n} rows with new ids song00000, song00001, ... */
  private Map<String, String> replicatedCatalog(Path file, int n) throws IOException {
    Map<String, ObjectNode> good = new LinkedHashMap<>();
    for (String line : Files.readAllLines(PROJECT.resolve("sample-data/catalog.jsonl"))) {
      try {
        JsonNode node = JSON.readTree(line);
        if (node instanceof ObjectNode obj && SAMPLE_GOOD_IDS.contains(obj.path("id").asText())) {
          good.putIfAbsent(obj.path("id").asText(), obj);
        }
      } catch (IOException malformed) {
        // the sample's deliberately broken line
      }
    }
    assertEquals(12, good.size());
    List<ObjectNode> rows = new ArrayList<>(good.values());
    Map<String, String> ids = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ObjectNode row = rows.get(i % rows.size()).deepCopy();
      String id = String.format("song%05d", i);
      ids.put(id, row.path("id").asText());
      row.put("id", id);
      lines.add(JSON.writeValueAsString(row));
    }
    Files.write(file, lines);
    return ids;
  }

  @Test
  @Order(2)
  void aWorkerKilledInTheMiddleOfEncodingLosesNoSongAndDuplicatesNone() throws Exception {
    Path catalog = tmp.resolve("catalog.jsonl");
    Set<String> expected = replicatedCatalog(catalog, KILL_TEST_SONGS).keySet();
    assertTrue(masterState().path("aliveworkers").asInt() == 2, "both workers alive before the run");

    Set<Path> before = appDirs();
    Path out = tmp.resolve("kill");
    // Small input splits: the ~0.7 MB catalog is read in ~11 partitions, so both executors have tasks to lose.
    Process p = submitLabel(catalog, out, "kill", "spark.sql.files.maxPartitionBytes=65536");
    try {
      Path app = newAppDir(before, p, TimeUnit.MINUTES.toMillis(2));
      assertTrue(app != null, "the application started: " + logs("kill"));
      // In progress: the executors have loaded the encoder and are encoding songs.
      long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(4);
      while (!executorLogs(app).contains("Loaded encoder")) {
        assertTrue(p.isAlive(), "the run ended before encoding started: " + logs("kill"));
        assertTrue(System.currentTimeMillis() < deadline, "no executor started encoding: " + logs("kill"));
        Thread.sleep(250);
      }
      Thread.sleep(5000);
      assertTrue(p.isAlive(), "the run was still going when the worker was to be killed");
      String beforeKill = executorLogs(app);
      Process kill = new ProcessBuilder("bash", PROJECT.resolve("cluster.sh").toString(), "kill-worker", "1",
          "--dir", CLUSTER_DIR.toString()).redirectErrorStream(true).start();
      String killOut = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(kill.waitFor(1, TimeUnit.MINUTES));
      assertEquals(0, kill.exitValue(), killOut);

      long killedAt = System.nanoTime();
      assertTrue(p.waitFor(8, TimeUnit.MINUTES), "label after the kill timed out");
      assertEquals(0, p.exitValue(), logs("kill"));
      String driver = Files.readString(tmp.resolve("kill.err"));
      // Tasks an executor started and never finished: those the killed executor was running (rerun elsewhere).
      String executorsAfter = executorLogs(app);
      Set<String> unfinished = new HashSet<>();
      Matcher running = Pattern.compile("Executor: Running task \\S+ in stage \\S+ \\(TID (\\d+)\\)")
          .matcher(executorsAfter);
      while (running.find()) {
        unfinished.add(running.group(1));
      }
      Matcher finished = Pattern.compile("Executor: Finished task \\S+ in stage \\S+ \\(TID (\\d+)\\)")
          .matcher(executorsAfter);
      while (finished.find()) {
        unfinished.remove(finished.group(1));
      }
      System.out.printf("ClusterIT: %s; the run went on %.0f s after the kill; driver: %d lost executor(s); "
          + "tasks cut short by the kill: %s%n", killOut.trim(), (System.nanoTime() - killedAt) / 1e9,
          count(driver, "Lost executor"), unfinished);
      assertTrue(driver.contains("Lost executor"), "the driver saw an executor go: " + logs("kill"));
      assertTrue(count(beforeKill, "Executor: Running task") >= 8, "work was under way when the kill came");
      Set<String> splits = new HashSet<>();
      Matcher m = Pattern.compile("Reading File path: file://[^,]*catalog\\.jsonl, range: (\\d+-\\d+)")
          .matcher(executorLogs(app));
      while (m.find()) {
        splits.add(m.group(1));
      }
      assertTrue(splits.size() >= 8, "the catalog read in >= 8 tasks: " + splits);
    } finally {
      p.destroyForcibly();
    }

    assertTrue(Files.readString(tmp.resolve("kill.out")).contains(
        "{read=" + KILL_TEST_SONGS + ", labelled=" + KILL_TEST_SONGS + ", unchanged=0, quarantined=0"), logs("kill"));
    Dataset<Row> predictions = readTable(spark(), out.resolve("predictions").toString());
    List<String> predicted = ids(predictions);
    assertEquals(KILL_TEST_SONGS, predicted.size(), "one row per song");
    assertEquals(expected, new HashSet<>(predicted), "every song exactly once");
    assertFalse(predictions.filter("quadrant is null").count() > 0, "every song has a quadrant");
    assertEquals(0, readTable(spark(), out.resolve("quarantine").toString()).count(), "nothing quarantined");
    if (masterState().path("aliveworkers").asInt() != 1) {
      fail("one worker left after the kill: " + masterState());
    }
  }
}
