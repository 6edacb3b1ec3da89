package dev.songmood.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** submit.sh's command lines, checked by its dry run (the cluster modes cannot run here). */
class SubmitScriptTest {
  private static final Path PROJECT = Path.of(System.getProperty("songmood.project.dir", "."));
  /** Conf directories an attacker might name: option text after a space; with both quotes and a backslash too. */
  private static final String[] HOSTILE_DIRS = {"conf -Dinjected=1", "it's \"my\" conf -Dinjected=1 \\x"};

  @TempDir
  Path tmp;

  private String dryRun(String... args) throws IOException, InterruptedException {
    return dryRunWithSparkHome(null, args);
  }

  /** A dry run with SPARK_HOME set to {@code sparkHome}, or unset when null. */
  private String dryRunWithSparkHome(String sparkHome, String... args) throws IOException, InterruptedException {
    String[] cmd = new String[args.length + 3];
    cmd[0] = "bash";
    cmd[1] = PROJECT.resolve("submit.sh").toString();
    cmd[2] = "--dry-run";
    System.arraycopy(args, 0, cmd, 3, args.length);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    if (sparkHome == null) {
      pb.environment().remove("SPARK_HOME");
    } else {
      pb.environment().put("SPARK_HOME", sparkHome);
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  @Test
  void localRunUsesTheProjectsClasspathAndConf() throws Exception {
    String out = dryRun("label", "--model", "m", "--input", "c.csv", "--out", "o");
    assertTrue(out.startsWith("java "), out);
    assertTrue(out.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), out);
    assertTrue(out.contains("org.apache.spark.deploy.SparkSubmit --master local\\[\\*\\]"), out);
    assertTrue(out.contains("--properties-file " + PROJECT.resolve("conf/spark-defaults.conf")), out);
    assertTrue(out.contains("--conf spark.driver.host=127.0.0.1"), out);
    assertTrue(out.contains("--class dev.songmood.cli.Main"), out);
    assertTrue(out.trim().endsWith("label --model m --input c.csv --out o"), out);
    assertTrue(out.contains("--conf spark.ui.showConsoleProgress=false"), "stderr is no terminal here: " + out);
  }

  @Test
  void clusterModesGoThroughSparkSubmitWithTheRunnableJar() throws Exception {
    for (String master : new String[] {"spark://127.0.0.1:7077", "yarn", "k8s://https://k8s.example:6443"}) {
      String out = dryRunWithSparkHome(master.startsWith("spark://") ? "/opt/spark" : null,
          "--master", master, "--conf", "spark.executor.memory=8g", "train", "--input", "x");
      assertTrue(out.startsWith(master.startsWith("spark://") ? "/opt/spark/bin/spark-submit " : "spark-submit "),
          out);
      assertTrue(out.contains("--master " + master), out);
      assertTrue(out.contains("-all.jar train --input x"), out);
      assertTrue(out.contains("--conf spark.executor.memory=8g"), out);
      assertTrue(out.contains("--driver-java-options"), out);
      assertTrue(out.contains("--jars " + PROJECT.resolve("target/songmood-"))
          && out.contains("-training.jar "), "train ships the training layer: " + out);
    }
    String label = dryRunWithSparkHome(null, "--master", "yarn", "label", "--input", "x");
    assertFalse(label.contains("--jars"), "labelling with int8 encoders needs no training layer: " + label);
    String fineTuned = dryRunWithSparkHome(null, "--master", "yarn", "--training-layer", "label", "--input", "x");
    assertTrue(fineTuned.contains("--jars ") && fineTuned.contains("-training.jar "), fineTuned);
  }

  @Test
  void sparkSubmitOptionsPassThroughAndTheClustersDefaultsStay() throws Exception {
    String out = dryRunWithSparkHome(null, "--master", "yarn", "--executor-memory", "8g", "--num-executors", "20",
        "--queue", "nightly", "--name", "moods", "--properties-file", "/etc/spark/extra.conf", "--jars", "x.jar",
        "label", "--input", "x");
    assertFalse(out.contains("--properties-file " + PROJECT.resolve("conf/spark-defaults.conf")),
        "the job's settings must not replace the cluster's spark-defaults.conf: " + out);
    assertTrue(out.contains("--conf spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension"), out);
    for (String passed : new String[] {"--executor-memory 8g", "--num-executors 20", "--queue nightly",
        "--name moods", "--properties-file /etc/spark/extra.conf", "--jars x.jar"}) {
      assertTrue(out.contains(passed), passed + " in " + out);
    }
    String user = dryRunWithSparkHome(null, "--master", "yarn", "--conf", "spark.sql.adaptive.enabled=false",
        "label", "--input", "x");
    assertTrue(user.indexOf("spark.sql.adaptive.enabled=true") < user.indexOf("spark.sql.adaptive.enabled=false"),
        "the user's --conf comes last and wins: " + user);
    String local = dryRun("--driver-memory", "6g", "label", "--input", "x");
    assertTrue(local.contains("-Xmx6g"), "the embedded driver's heap: " + local);
  }

  @Test
  void s3OptionsReachEveryModeAsSettingsAndNeverAsKeys() throws Exception {
    for (String master : new String[] {"local[2]", "yarn", "k8s://https://k8s.example:6443"}) {
      String out = dryRun("--master", master, "--s3-endpoint", "https://s3.eu-west-1.amazonaws.com", "--s3-region",
          "eu-west-1", "--s3-credentials", "instance", "label", "--input", "s3a://catalog/songs/", "--out",
          "s3a://catalog/moods");
      assertTrue(out.contains("--conf spark.hadoop.fs.s3a.endpoint=https://s3.eu-west-1.amazonaws.com"), out);
      assertTrue(out.contains("--conf spark.hadoop.fs.s3a.endpoint.region=eu-west-1"), out);
      assertTrue(out.contains("--conf spark.hadoop.fs.s3a.aws.credentials.provider="
          + "org.apache.hadoop.fs.s3a.auth.IAMInstanceCredentialsProvider"), out);
      assertFalse(out.contains("ssl.enabled=false"), "TLS stays on for an https endpoint: " + out);
      assertFalse(out.contains("secret.key") || out.contains("access.key"), out);
    }
    String local = dryRun("--s3-endpoint", "http://127.0.0.1:9000", "--s3-path-style", "label", "--input", "x");
    assertTrue(local.contains("--conf spark.hadoop.fs.s3a.connection.ssl.enabled=false"), local);
    assertTrue(local.contains("--conf spark.hadoop.fs.s3a.path.style.access=true"), local);
  }

  @Test
  void standaloneMasterWithoutSparkHomeUsesTheEmbeddedLauncherInClientMode() throws Exception {
    String out = dryRun("--master", "spark://127.0.0.1:7077", "--conf", "spark.executor.memory=1g",
        "label", "--input", "c.jsonl", "--out", "o");
    assertTrue(out.startsWith("java "), out);
    assertTrue(out.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), out);
    assertTrue(out.contains("@" + PROJECT.resolve("target/local-classpath.args")), out);
    assertTrue(out.contains("org.apache.spark.deploy.SparkSubmit --master spark://127.0.0.1:7077"), out);
    assertTrue(out.contains("--deploy-mode client"), out);
    assertTrue(out.contains("--properties-file " + PROJECT.resolve("conf/spark-defaults.conf")), out);
    assertTrue(out.contains("--conf spark.driver.host=127.0.0.1"), out);
    assertTrue(out.contains("--conf spark.driver.bindAddress=127.0.0.1"), out);
    assertTrue(out.contains("--conf spark.executor.memory=1g"), out);
    assertFalse(out.contains("spark.sql.shuffle.partitions"), "local.conf is for local runs only: " + out);
    assertFalse(out.contains("-all.jar"), out);
    assertTrue(out.trim().endsWith(".jar label --input c.jsonl --out o"), out);

    String remote = dryRun("--master", "spark://spark-master.example:7077", "label", "--input", "c.jsonl");
    assertTrue(remote.startsWith("java "), remote);
    assertTrue(remote.contains("--deploy-mode client"), remote);
    assertFalse(remote.contains("spark.driver.host"), "a remote master: the driver's own address: " + remote);
  }

  @Test
  void unknownLauncherOptionIsRefused() throws Exception {
    Process p = new ProcessBuilder("bash", PROJECT.resolve("submit.sh").toString(), "--mastr", "x", "label")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, p.waitFor());
    assertTrue(out.contains("unknown launcher option --mastr"), out);
  }

  @Test
  void clusterDeployModeShipsTheLoggingConfigurationAndTheDefaultModelByName() throws Exception {
    String log4j = PROJECT.resolve("conf/log4j2.properties").toString();
    for (String[] mode : new String[][] {{"--deploy-mode", "cluster"}, {"--conf", "spark.submit.deployMode=cluster"}}) {
      List<String> argv = launch(PROJECT.resolve("submit.sh"), env(), "--dry-run", "--master", "yarn", mode[0],
          mode[1], "--files", "extra.txt", "label", "--input", "x").argv();
      assertEquals(log4j + ",extra.txt", after(argv, "--files"), "the user's --files are kept: " + argv);
      assertEquals(PROJECT.resolve("target/songmood-model.zip") + "#songmood-model", after(argv, "--archives"));
      String driver = after(argv, "--driver-java-options");
      assertTrue(driver.endsWith(" -Dsongmood.log4j2=log4j2.properties -Dsongmood.model=songmood-model"), driver);
      assertFalse(driver.contains(log4j), "no path of this machine for a driver on the cluster: " + driver);
    }
    List<String> given = launch(PROJECT.resolve("submit.sh"), env(), "--dry-run", "--master", "yarn",
        "--deploy-mode", "cluster", "label", "--model", "s3a://models/v3", "--input", "x").argv();
    assertFalse(given.contains("--archives"), "--model given: nothing to ship: " + given);
    assertFalse(after(given, "--driver-java-options").contains("songmood.model"), given.toString());
    List<String> train = launch(PROJECT.resolve("submit.sh"), env(), "--dry-run", "--master", "yarn",
        "--deploy-mode", "cluster", "train", "--input", "x").argv();
    assertFalse(train.contains("--archives"), "train uses no model: " + train);
    List<String> client = launch(PROJECT.resolve("submit.sh"), env(), "--dry-run", "--master", "yarn",
        "label", "--input", "x").argv();
    assertFalse(client.contains("--archives"), "client mode: the driver is here: " + client);
    assertTrue(after(client, "--driver-java-options").contains("-Dlog4j2.configurationFile=\"" + log4j + "\""));
  }

  /** What one launch of {@code script} printed and returned. */
  private record Launch(int code, String out, String err) {
    /** The printed command line read back into arguments by bash, the way the shell would run it. */
    List<String> argv() throws IOException, InterruptedException {
      // printf '%q ' then a line break: one line; only the very last separator goes (an argument may end in "\ ")
      String line = out.endsWith(" \n") ? out.substring(0, out.length() - 2) : out;
      Process p = new ProcessBuilder("bash", "-c", "eval \"set -- $1\"; printf '%s\\0' \"$@\"", "argv", line)
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String nul = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), out);
      return nul.isEmpty() ? List.of() : Arrays.asList(nul.substring(0, nul.length() - 1).split("\0", -1));
    }
  }

  /** Runs {@code script} with {@code args}, the environment changed by {@code env} (a null value unsets). */
  private static Launch launch(Path script, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("bash", script.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    env.forEach((k, v) -> {
      if (v == null) {
        pb.environment().remove(k);
      } else {
        pb.environment().put(k, v);
      }
    });
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Launch(p.waitFor(), out, err);
  }

  private static Map<String, String> env(String... keyValues) {
    Map<String, String> env = new HashMap<>();
    env.put("SPARK_HOME", null);
    for (int i = 0; i < keyValues.length; i += 2) {
      env.put(keyValues[i], keyValues[i + 1]);
    }
    return env;
  }

  private static String after(List<String> argv, String option) {
    int i = argv.indexOf(option);
    assertTrue(i >= 0 && i + 1 < argv.size(), option + " in " + argv);
    assertEquals(i, argv.lastIndexOf(option), "one " + option + " in " + argv);
    return argv.get(i + 1);
  }

  /** --driver-java-options as spark-submit's launcher splits it (client mode). */
  @SuppressWarnings("unchecked")
  private static List<String> launcherSplit(String options) throws Exception {
    Method parse = Class.forName("org.apache.spark.launcher.CommandBuilderUtils")
        .getDeclaredMethod("parseOptionString", String.class);
    parse.setAccessible(true);
    return (List<String>) parse.invoke(null, options);
  }

  /** --driver-java-options as Spark splits it for a driver started on the cluster (YARN, standalone cluster). */
  private static List<String> clusterSplit(String options) {
    return scala.collection.JavaConverters.seqAsJavaList(org.apache.spark.util.Utils.splitCommandString(options));
  }

  private Path confDir(String name) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    for (String f : new String[] {"spark-defaults.conf", "local.conf", "log4j2.properties"}) {
      Files.copy(PROJECT.resolve("conf").resolve(f), dir.resolve(f));
    }
    return dir.toRealPath();
  }

  /** A stand-in $SPARK_HOME (a dry run never starts its spark-submit). */
  private Path sparkHome() throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("spark home").resolve("bin"));
    if (Files.exists(bin.resolve("spark-submit"))) {
      return bin.getParent();
    }
    Path submit = Files.writeString(bin.resolve("spark-submit"), "#!/bin/sh\nexit 99\n");
    Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin.getParent();
  }

  @Test
  void aConfDirWithSpacesQuotesAndOptionTextIsOneValueToSparkSubmit() throws Exception {
    for (String name : HOSTILE_DIRS) {
      oneValueEverywhere(confDir(name));
    }
    Path comma = Files.createDirectories(tmp.resolve("a,b"));
    Launch refused = launch(PROJECT.resolve("submit.sh"), env(), "--dry-run", "--master", "yarn", "--conf-dir",
        comma.toString(), "label", "--input", "x");
    assertEquals(2, refused.code(), refused.out());
    assertTrue(refused.err().contains("comma"), refused.err());
  }

  private void oneValueEverywhere(Path conf) throws Exception {
    String log4j = conf.resolve("log4j2.properties").toString();
    Map<String, Map<String, String>> launches = Map.of(
        "yarn", env(),
        "k8s://https://k8s.example:6443", env(),
        "spark://127.0.0.1:7077", env("SPARK_HOME", sparkHome().toString()));
    for (var e : launches.entrySet()) {
      Launch l = launch(PROJECT.resolve("submit.sh"), e.getValue(), "--dry-run", "--master", e.getKey(),
          "--conf-dir", conf.toString(), "train", "--input", "x");
      assertEquals(0, l.code(), l.err());
      List<String> argv = l.argv();
      assertTrue(argv.get(0).endsWith("spark-submit"), argv.toString());
      assertFalse(argv.stream().anyMatch(a -> a.startsWith("-Dinjected")), "an option of its own: " + argv);
      assertEquals(log4j, after(argv, "--files"), "the shipped file: one value");
      String javaOptions = after(argv, "--driver-java-options");
      for (List<String> split : List.of(launcherSplit(javaOptions), clusterSplit(javaOptions))) {
        assertTrue(split.contains("-Dlog4j2.configurationFile=" + log4j), "the path, whole: " + split);
        assertEquals(1, split.stream().filter(o -> o.startsWith("-Dlog4j2.")).count(), split.toString());
        assertFalse(split.stream().anyMatch(o -> o.startsWith("-Dinjected")), "an injected option: " + split);
        for (String o : split) {
          assertTrue(o.startsWith("-XX:") || o.startsWith("-D") || o.startsWith("--add-opens=java.base/"),
              "only the launcher's own JVM options: " + o + " in " + split);
        }
      }
      assertEquals(launcherSplit(javaOptions), clusterSplit(javaOptions), "both of Spark's splitters agree");
    }

    Launch local = launch(PROJECT.resolve("submit.sh"), env(), "--dry-run", "--conf-dir", conf.toString(),
        "label", "--input", "x");
    assertEquals(0, local.code(), local.err());
    List<String> argv = local.argv();
    assertEquals("java", argv.get(0), argv.toString());
    assertTrue(argv.contains("-Dlog4j2.configurationFile=" + log4j), argv.toString());
    assertEquals(conf.resolve("spark-defaults.conf").toString(), after(argv, "--properties-file"));
    assertFalse(argv.stream().anyMatch(a -> a.startsWith("-Dinjected")), argv.toString());
  }

  @Test
  void onlyTheDatabaseOptionTurnsTheMetastoreOn() throws Exception {
    Path metastore = tmp.resolve("metastore");
    Map<String, String> env = env("SONGMOOD_METASTORE", metastore.toString());
    Path script = PROJECT.resolve("submit.sh");
    for (String[] args : new String[][] {
        {"label", "--input", "c.csv\n--database x", "--out", "o"},
        {"label", "--input", "c.csv", "--out", "o --database=x"},
        {"label", "--input", "c.csv", "--out", "o", "--", "--database", "x"},
        {"label", "--input", "c.csv", "--out", "o", "--database"},
        {"label", "--input", "c.csv", "--out", "o", "--datab", "x"}}) {  // the job refuses a prefix too
      Launch l = launch(script, env, prepend("--dry-run", args));
      assertEquals(0, l.code(), l.err());
      List<String> argv = l.argv();
      assertFalse(argv.stream().anyMatch(a -> a.contains("catalogImplementation=hive") || a.contains("derby")),
          "no --database option in " + Arrays.toString(args) + ", yet: " + argv);
    }
    for (String[] args : new String[][] {
        {"label", "--input", "c.csv", "--database", "songs", "--out", "o"},
        {"label", "--database=songs", "--input", "c.csv"},
        {"sql", "-database", "songs", "SELECT 1"}}) {  // Commons CLI takes a long option after one dash
      List<String> argv = launch(script, env, prepend("--dry-run", args)).argv();
      assertTrue(argv.contains("spark.sql.catalogImplementation=hive"), argv.toString());
      assertTrue(argv.contains("-Dderby.system.home=" + metastore), argv.toString());
    }
    assertFalse(Files.exists(metastore), "a dry run created the metastore");
  }

  @Test
  void aDryRunChangesNothingOnDisk() throws Exception {
    // A copy of the launcher in a project never built (no target/), run with a HOME of its own.
    Path project = Files.createDirectories(tmp.resolve("project"));
    Files.copy(PROJECT.resolve("submit.sh"), project.resolve("submit.sh"));
    Files.copy(PROJECT.resolve("pom.xml"), project.resolve("pom.xml"));
    Path conf = Files.createDirectories(project.resolve("conf"));
    for (String f : new String[] {"spark-defaults.conf", "local.conf", "log4j2.properties"}) {
      Files.copy(PROJECT.resolve("conf").resolve(f), conf.resolve(f));
    }
    Path home = Files.createDirectories(tmp.resolve("home"));
    List<String> before = tree(tmp);
    Map<String, String> env = env("HOME", home.toString(), "SONGMOOD_METASTORE", null, "SONGMOOD_CDS", null);
    for (String[] args : new String[][] {
        {"label", "--database", "songs", "--input", "c.csv", "--out", "o"},
        {"--master", "spark://127.0.0.1:7077", "label", "--database", "songs", "--input", "c.csv"},
        {"--master", "yarn", "train", "--database", "songs", "--input", "c.csv"},
        {"label", "--help"}}) {
      Launch l = launch(project.resolve("submit.sh"), env, prepend("--dry-run", args));
      assertEquals(0, l.code(), Arrays.toString(args) + ": " + l.err());
      assertTrue(l.err().isEmpty(), "a dry run only prints its command: " + l.err());
      if (args[0].equals("label") && args[1].equals("--database")) {
        assertTrue(l.out().contains(home.resolve(".songmood/metastore").toString()), "the default metastore");
      }
    }
    try (Stream<Path> left = Files.list(home)) {
      assertEquals(List.of(), left.collect(Collectors.toList()), "the dry run wrote to HOME");
    }
    assertEquals(before, tree(tmp), "the dry run changed files");
  }

  private static String[] prepend(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  private static List<String> tree(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.map(p -> root.relativize(p) + (Files.isDirectory(p) ? "/" : "")).sorted()
          .collect(Collectors.toList());
    }
  }
}
