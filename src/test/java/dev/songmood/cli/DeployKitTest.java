package dev.songmood.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment kit in {@code deploy/}: every file parses, and the spark-submit arguments each one carries equal
 * what {@code ./submit.sh --dry-run} prints for the same command (the jar, conf/ and the model zip at the file's own
 * locations), so that the kit cannot drift from the launcher. None of these platforms runs here.
 */
class DeployKitTest {
  private static final Path PROJECT = Path.of(System.getProperty("songmood.project.dir", ".")).toAbsolutePath()
      .normalize();
  private static final Path DEPLOY = PROJECT.resolve("deploy");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> K8S_OPERATOR = List.of("--master", "k8s://https://kubernetes.default.svc:443",
      "--deploy-mode", "cluster", "--driver-cores", "1", "--driver-memory", "4g",
      "--conf", "spark.kubernetes.namespace=songmood",
      "--conf", "spark.kubernetes.container.image=registry.example/songmood:0.1.0",
      "--conf", "spark.kubernetes.authenticate.driver.serviceAccountName=songmood",
      "--conf", "spark.executor.instances=4", "--conf", "spark.executor.cores=4", "--conf", "spark.executor.memory=6g",
      "label", "--model", "/opt/songmood/models/default", "--input", "s3a://catalog/songs/", "--out",
      "s3a://catalog/moods");

  @TempDir
  Path tmp;

  private static String version() throws IOException {
    Matcher m = Pattern.compile("<version>(.*?)</version>").matcher(Files.readString(PROJECT.resolve("pom.xml")));
    assertTrue(m.find());
    return m.group(1);
  }

  /** The project's jar, conf/ and model zip as the file at hand names them. */
  private static Map<String, String> places(String jar, String conf, String modelZip) throws IOException {
    Map<String, String> places = new LinkedHashMap<>();
    places.put(PROJECT + "/target/songmood-" + version() + "-all.jar", jar);
    places.put(PROJECT + "/target/songmood-model.zip", modelZip);
    places.put(PROJECT + "/conf/", conf);
    return places;
  }

  /** {@code ./submit.sh --dry-run ARGS} read back into arguments, the project's paths put at {@code places}. */
  private List<String> dryRun(Map<String, String> places, List<String> args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", "-c", "line=$(bash \"$0\" --dry-run \"$@\") || exit $?; "
        + "eval \"set -- $line\"; printf '%s\\0' \"$@\"", PROJECT.resolve("submit.sh").toString()));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().remove("SPARK_HOME");
    pb.environment().remove("SONGMOOD_MODEL");
    List<String> argv = nulSeparated(pb);
    List<String> placed = new ArrayList<>();
    for (String a : argv) {
      for (var e : places.entrySet()) {
        a = a.replace(e.getKey(), e.getValue());
      }
      placed.add(a);
    }
    return placed;
  }

  private static List<String> nulSeparated(ProcessBuilder pb) throws Exception {
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", pb.command()));
    return out.isEmpty() ? List.of() : Arrays.asList(out.substring(0, out.length() - 1).split("\0", -1));
  }

  @Test
  void theKubernetesSubmitScriptRunsTheDryRunsArguments() throws Exception {
    Path stub = tmp.resolve("spark-submit");
    Path seen = tmp.resolve("argv");
    Files.writeString(stub, "#!/bin/sh\nprintf 'spark-submit\\0' > '" + seen + "'\nprintf '%s\\0' \"$@\" >> '" + seen
        + "'\n");
    Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder pb = new ProcessBuilder("bash", DEPLOY.resolve("kubernetes/spark-submit-label.sh").toString(),
        "ignored").redirectErrorStream(true);
    pb.environment().put("SPARK_SUBMIT", stub.toString());
    Process p = pb.start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), log);
    String out = Files.readString(seen);
    List<String> script = Arrays.asList(out.substring(0, out.length() - 1).split("\0", -1));
    List<String> args = new ArrayList<>(K8S_OPERATOR.subList(0, 4));
    args.addAll(List.of("--conf", "spark.kubernetes.namespace=songmood",
        "--conf", "spark.kubernetes.container.image=registry.example/songmood:0.1.0",
        "--conf", "spark.kubernetes.authenticate.driver.serviceAccountName=songmood",
        "--conf", "spark.kubernetes.driver.podTemplateFile=pod-template.yaml",
        "--conf", "spark.kubernetes.executor.podTemplateFile=pod-template.yaml"));
    args.addAll(K8S_OPERATOR.subList(14, K8S_OPERATOR.size()));
    assertEquals(dryRun(places("local:///opt/songmood/songmood-all.jar", "local:///opt/songmood/conf/", "-"), args),
        script, "deploy/kubernetes/spark-submit-label.sh");
    assertTrue(script.contains("local:///opt/songmood/conf/log4j2.properties"), "log4j2.properties shipped: " + script);

    Map<String, Object> template = new Yaml().load(Files.readString(DEPLOY.resolve("kubernetes/pod-template.yaml")));
    assertEquals("Pod", template.get("kind"));
    assertTrue(template.toString().contains("name=spark-kubernetes-container"), "Spark's container: " + template);
  }

  @Test
  void theSparkApplicationCarriesTheDryRunsArguments() throws Exception {
    Map<String, Object> app = new Yaml().load(Files.readString(DEPLOY.resolve("kubernetes/sparkapplication.yaml")));
    assertEquals("SparkApplication", app.get("kind"));
    Map<String, Object> spec = map(app.get("spec"));
    Map<String, Object> driver = map(spec.get("driver"));
    Map<String, Object> executor = map(spec.get("executor"));
    Map<String, String> conf = new LinkedHashMap<>();
    map(spec.get("sparkConf")).forEach((k, v) -> conf.put(k, String.valueOf(v)));
    conf.put("spark.submit.deployMode", String.valueOf(spec.get("mode")));
    conf.put("spark.kubernetes.namespace", String.valueOf(map(app.get("metadata")).get("namespace")));
    conf.put("spark.kubernetes.container.image", String.valueOf(spec.get("image")));
    conf.put("spark.kubernetes.authenticate.driver.serviceAccountName", String.valueOf(driver.get("serviceAccount")));
    conf.put("spark.driver.cores", String.valueOf(driver.get("cores")));
    conf.put("spark.driver.memory", String.valueOf(driver.get("memory")));
    conf.put("spark.driver.extraJavaOptions", String.valueOf(driver.get("javaOptions")));
    conf.put("spark.executor.instances", String.valueOf(executor.get("instances")));
    conf.put("spark.executor.cores", String.valueOf(executor.get("cores")));
    conf.put("spark.executor.memory", String.valueOf(executor.get("memory")));
    SubmitLine file = new SubmitLine(conf, String.join(",", strings(map(spec.get("deps")).get("files"))), null,
        String.valueOf(spec.get("mainClass")), String.valueOf(spec.get("mainApplicationFile")),
        strings(spec.get("arguments")));
    SubmitLine expected = SubmitLine.parse(dryRun(places("local:///opt/songmood/songmood-all.jar",
        "local:///opt/songmood/conf/", "-"), K8S_OPERATOR));
    assertEquals(expected, file, "deploy/kubernetes/sparkapplication.yaml");
  }

  @Test
  void theEmrStepIsTheDryRunsCommandLine() throws Exception {
    JsonNode steps = JSON.readTree(DEPLOY.resolve("emr/step.json").toFile());
    assertEquals("command-runner.jar", steps.get(0).path("Jar").asText());
    List<String> args = new ArrayList<>();
    steps.get(0).path("Args").forEach(a -> args.add(a.asText()));
    List<String> expected = dryRun(places("s3://my-bucket/songmood/songmood-all.jar", "s3://my-bucket/songmood/conf/",
        "s3://my-bucket/songmood/songmood-model.zip"), List.of("--master", "yarn", "--deploy-mode", "cluster",
        "--num-executors", "8", "--executor-cores", "4", "--executor-memory", "6g", "--s3-credentials", "instance",
        "label", "--input", "s3a://catalog/songs/", "--out", "s3a://catalog/moods"));
    assertEquals(expected, args, "deploy/emr/step.json");
    assertTrue(args.contains("s3://my-bucket/songmood/songmood-model.zip#songmood-model"), "the model ships: " + args);
  }

  @Test
  void theDatabricksJarTaskHasTheDryRunsSettingsClassAndArguments() throws Exception {
    JsonNode task = JSON.readTree(DEPLOY.resolve("databricks/jar-task.json").toFile()).path("tasks").get(0);
    Map<String, String> conf = new LinkedHashMap<>();
    task.path("new_cluster").path("spark_conf").fields().forEachRemaining(e -> conf.put(e.getKey(),
        e.getValue().asText()));
    List<String> params = new ArrayList<>();
    task.path("spark_jar_task").path("parameters").forEach(p -> params.add(p.asText()));
    SubmitLine expected = SubmitLine.parse(dryRun(places("-", "-", "-"), List.of("--master", "yarn", "label",
        "--model", "dbfs:/songmood/models/default", "--input", "s3a://catalog/songs/", "--out",
        "s3a://catalog/moods")));
    // Databricks starts the JVMs itself (its own Java options, its own logging): the settings, class and arguments.
    Map<String, String> settings = new LinkedHashMap<>(expected.conf());
    settings.remove("spark.driver.extraJavaOptions");
    assertEquals(settings, conf, "deploy/databricks/jar-task.json spark_conf");
    assertEquals(expected.mainClass(), task.path("spark_jar_task").path("main_class_name").asText());
    assertEquals(expected.args(), params);
  }

  @Test
  void theAirflowDagCompilesAndSubmitsTheDryRunsArguments() throws Exception {
    Path dag = DEPLOY.resolve("airflow/songmood_nightly.py");
    Process compile = new ProcessBuilder("python3", "-m", "py_compile", dag.toString()).redirectErrorStream(true)
        .start();
    compile.getOutputStream().close();
    String log = new String(compile.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, compile.waitFor(), log);
    deletePycache(dag.getParent());
    String extract = "import ast, json, sys\n"
        + "tree = ast.parse(open(sys.argv[1]).read())\n"
        + "node = next(n for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == 'SUBMIT')\n"
        + "print(json.dumps(ast.literal_eval(node.value)))\n";
    Process p = new ProcessBuilder("python3", "-c", extract, dag.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    JsonNode submit = JSON.readTree(out);
    Map<String, String> conf = new LinkedHashMap<>();
    submit.path("conf").fields().forEachRemaining(e -> conf.put(e.getKey(), e.getValue().asText()));
    conf.put("spark.executor.instances", submit.path("num_executors").asText());
    conf.put("spark.executor.cores", submit.path("executor_cores").asText());
    conf.put("spark.executor.memory", submit.path("executor_memory").asText());
    List<String> args = new ArrayList<>();
    submit.path("application_args").forEach(a -> args.add(a.asText()));
    SubmitLine file = new SubmitLine(conf, submit.path("files").asText(), null, submit.path("java_class").asText(),
        submit.path("application").asText(), args);
    SubmitLine expected = SubmitLine.parse(dryRun(places("/opt/songmood/songmood-all.jar", "/opt/songmood/conf/",
        "/opt/songmood/target/songmood-model.zip"), List.of("--master", "yarn", "--num-executors", "8",
        "--executor-cores", "4", "--executor-memory", "6g", "--s3-credentials", "instance", "label", "--input",
        "s3a://catalog/songs/", "--out", "s3a://catalog/moods")));
    assertEquals(expected, file, "deploy/airflow/songmood_nightly.py SUBMIT");
    assertEquals("songmood", submit.path("name").asText(), "the operator's --name would replace spark.app.name");
  }

  private static void deletePycache(Path dir) throws IOException {
    Path cache = dir.resolve("__pycache__");
    if (Files.isDirectory(cache)) {
      try (Stream<Path> files = Files.walk(cache)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(f -> f.toFile().delete());
      }
    }
  }

  @Test
  void theSystemdServiceRunsSubmitShAndActsOnTheExitCodes() throws Exception {
    Map<String, Map<String, String>> service = units(DEPLOY.resolve("systemd/songmood-label.service"));
    Map<String, Map<String, String>> timer = units(DEPLOY.resolve("systemd/songmood-label.timer"));
    assertEquals("*-*-* 02:00:00", timer.get("Timer").get("OnCalendar"));
    Map<String, String> s = service.get("Service");
    assertEquals("on-failure", s.get("Restart"), "exit 1 is retried");
    assertEquals("2", s.get("RestartPreventExitStatus"), "exit 2 is not");
    List<String> exec = new ArrayList<>(Arrays.asList(s.get("ExecStart").split(" ")));
    assertEquals("/opt/songmood/submit.sh", exec.remove(0));
    exec.add(0, "--dry-run");
    exec.add(0, PROJECT.resolve("submit.sh").toString());
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of("bash"))).redirectErrorStream(true);
    pb.command().addAll(exec);
    pb.environment().put("SPARK_HOME", s.get("Environment").replaceFirst("^SPARK_HOME=", ""));
    Process p = pb.start();
    String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), line);
    assertTrue(line.startsWith("/opt/spark/bin/spark-submit --master yarn "), line);
    assertTrue(line.trim().endsWith("label --input s3a://catalog/songs/ --out s3a://catalog/moods"), line);

    Path exit = DEPLOY.resolve("systemd/songmood-label-exit.sh");
    assertEquals("/opt/songmood/deploy/systemd/songmood-label-exit.sh", s.get("ExecStopPost"));
    Path pager = tmp.resolve("pager.sh");
    Path paged = tmp.resolve("paged");
    Files.writeString(pager, "#!/bin/sh\necho \"$1\" >> '" + paged + "'\n");
    Files.setPosixFilePermissions(pager, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (String status : new String[] {"0", "1", "2"}) {
      ProcessBuilder post = new ProcessBuilder("bash", exit.toString()).redirectErrorStream(true);
      post.environment().putAll(Map.of("EXIT_STATUS", status, "EXIT_CODE", "exited", "SERVICE_RESULT",
          status.equals("0") ? "success" : "exit-code", "SONGMOOD_PAGE_COMMAND", pager.toString()));
      Process run = post.start();
      String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, run.waitFor(), out);
      assertEquals(status.equals("2"), Files.exists(paged), "paged after exit " + status + ": " + out);
    }
    assertTrue(Files.readString(paged).contains("bad input (exit 2)"), Files.readString(paged));
    verifyWithSystemd(service, timer);
  }

  /** Where systemd-analyze is installed, systemd's own parser reads both units (executables swapped for /bin/true). */
  private void verifyWithSystemd(Map<String, Map<String, String>> service, Map<String, Map<String, String>> timer)
      throws Exception {
    boolean installed = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(d -> Files.isExecutable(Path.of(d, "systemd-analyze")));
    if (!installed) {
      return;
    }
    Path dir = Files.createDirectories(tmp.resolve("units"));
    String unit = Files.readString(DEPLOY.resolve("systemd/songmood-label.service"))
        .replaceAll("(?m)^(ExecStart|ExecStopPost)=\\S+", "$1=/bin/true")
        .replaceAll("(?m)^WorkingDirectory=.*$", "WorkingDirectory=/")
        .replaceAll("(?m)^User=.*$", "User=root");
    Files.writeString(dir.resolve("songmood-label.service"), unit);
    Files.copy(DEPLOY.resolve("systemd/songmood-label.timer"), dir.resolve("songmood-label.timer"));
    Process p = new ProcessBuilder("systemd-analyze", "verify", dir.resolve("songmood-label.service").toString(),
        dir.resolve("songmood-label.timer").toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    assertEquals("", out.trim(), "systemd-analyze verify");
  }

  /** A unit file's sections and keys (a repeated key keeps its last value). */
  private static Map<String, Map<String, String>> units(Path file) throws IOException {
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    Map<String, String> current = null;
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (line.matches("\\[[A-Za-z]+\\]")) {
        current = sections.computeIfAbsent(line.substring(1, line.length() - 1), k -> new LinkedHashMap<>());
      } else {
        assertTrue(current != null && line.contains("="), file + ": not KEY=VALUE in a section: " + line);
        current.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
      }
    }
    return sections;
  }

  @Test
  void theDockerfilePutsTheJarAndConfWhereTheKitLooks() throws Exception {
    List<String> lines = Files.readAllLines(DEPLOY.resolve("Dockerfile"));
    String base = lines.stream().filter(l -> l.startsWith("ARG SPARK_IMAGE=")).findFirst().orElseThrow();
    assertTrue(base.matches("ARG SPARK_IMAGE=apache/spark:3\\.5\\.\\d+-scala2\\.12-java17-ubuntu"), base);
    assertTrue(lines.contains("FROM ${SPARK_IMAGE}"), "FROM the official image");
    Map<String, String> copies = new LinkedHashMap<>();
    for (String l : lines) {
      if (l.startsWith("COPY ")) {
        String[] w = l.split(" ");
        copies.put(w[w.length - 2], w[w.length - 1]);
      }
    }
    assertEquals("/opt/songmood/songmood-all.jar", copies.get("target/songmood-*-all.jar"));
    assertEquals("/opt/songmood/conf/", copies.get("conf/"));
    assertEquals("/opt/songmood/models/default/", copies.get("models/default/"));
    assertTrue(Files.isRegularFile(PROJECT.resolve("conf/log4j2.properties")));
    assertTrue(Files.isRegularFile(PROJECT.resolve("models/default/provenance.json")));
    assertTrue(String.join("\n", lines).contains("SPARK_EXTRA_CLASSPATH=/opt/songmood/conf"), "conf/ on the classpath");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    ((List<?>) o).forEach(v -> out.add(String.valueOf(v)));
    return out;
  }

  /** One spark-submit command: its settings (options spelled as settings, the later winning), files, class, args. */
  record SubmitLine(Map<String, String> conf, String files, String archives, String mainClass, String jar,
      List<String> args) {
    private static final Map<String, String> AS_SETTING = Map.of("--deploy-mode", "spark.submit.deployMode",
        "--driver-java-options", "spark.driver.extraJavaOptions", "--driver-memory", "spark.driver.memory",
        "--driver-cores", "spark.driver.cores", "--num-executors", "spark.executor.instances",
        "--executor-cores", "spark.executor.cores", "--executor-memory", "spark.executor.memory");

    static SubmitLine parse(List<String> argv) {
      Map<String, String> conf = new LinkedHashMap<>();
      String files = null;
      String archives = null;
      for (int i = 1; i < argv.size(); i += 2) {
        String option = argv.get(i);
        String value = argv.get(i + 1);
        if (option.equals("--class")) {
          return new SubmitLine(conf, files, archives, value, argv.get(i + 2), argv.subList(i + 3, argv.size()));
        } else if (option.equals("--conf")) {
          conf.put(value.substring(0, value.indexOf('=')), value.substring(value.indexOf('=') + 1));
        } else if (AS_SETTING.containsKey(option)) {
          conf.put(AS_SETTING.get(option), value);
        } else if (option.equals("--files")) {
          files = value;
        } else if (option.equals("--archives")) {
          archives = value;
        } else {
          assertFalse(!option.equals("--master"), "an option the kit does not know: " + option);
        }
      }
      throw new AssertionError("no --class in " + argv);
    }
  }
}
