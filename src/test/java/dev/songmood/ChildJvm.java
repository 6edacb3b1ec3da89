package dev.songmood;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a songmood command in a fresh JVM on local[2] with the job's own settings (conf/spark-defaults.conf), for
 * what must not share the test JVM: Spark NLP imports one ONNX graph per JVM.
 */
public final class ChildJvm {
  /** Exit code and everything the command printed. */
  public record Result(int exitCode, String output) {}

  private ChildJvm() {}

  public static Result songmood(Path log, String... args) throws IOException, InterruptedException {
    return songmood(log, java.util.Map.of(), args);
  }

  /** The same with more Spark settings ({@code spark.metrics.conf.*}...), passed as system properties. */
  public static Result songmood(Path log, java.util.Map<String, String> conf, String... args)
      throws IOException, InterruptedException {
    Path project = Path.of(System.getProperty("songmood.project.dir", "."));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // the test JVM's own flags: Java 17 --add-opens, DJL offline, log4j configuration
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens") || a.startsWith("-Dai.djl") || a.startsWith("-Dlog4j2")
          || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions") || a.startsWith("-Djdk.reflect")) {
        cmd.add(a);
      }
    }
    cmd.add("-Xmx2g");
    dev.songmood.runtime.SparkConfFile.read(project.resolve("conf/spark-defaults.conf"))
        .forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.addAll(List.of("-Dspark.master=local[2]", "-Dspark.ui.enabled=false", "-Dspark.driver.host=127.0.0.1",
        "-Dspark.driver.bindAddress=127.0.0.1", "-Dspark.sql.shuffle.partitions=4",
        "-Dspark.ui.showConsoleProgress=false"));
    conf.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.add("-cp");
    cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    cmd.add("dev.songmood.cli.Main");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
        .directory(project.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process p = pb.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("songmood " + String.join(" ", args) + " timed out; log: " + log);
    }
    return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

}
