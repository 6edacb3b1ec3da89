package dev.songmood.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** submit.sh's command lines, checked by its dry run (the cluster modes cannot run here). */
class SubmitScriptTest {
  private static final Path PROJECT = Path.of(System.getProperty("songmood.project.dir", "."));

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
}
