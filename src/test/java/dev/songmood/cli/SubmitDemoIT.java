package dev.songmood.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command for real: {@code ./submit.sh demo} in its own JVM, through Spark's SparkSubmit with the
 * built jar, conf/ and the embedded local master; then {@code predict} with the model it trained, reading stdin.
 */
class SubmitDemoIT {
  private static final Path PROJECT = Path.of(System.getProperty("songmood.project.dir", "."));

  @TempDir
  Path tmp;

  private Process start(String... args) throws Exception {
    String[] cmd = new String[args.length + 2];
    cmd[0] = "bash";
    cmd[1] = PROJECT.resolve("submit.sh").toString();
    System.arraycopy(args, 0, cmd, 2, args.length);
    return new ProcessBuilder(cmd).directory(PROJECT.toFile())
        .redirectError(tmp.resolve("stderr-" + args[0] + ".log").toFile()).start();
  }

  @Test
  void demoThenPredictThroughSubmitSh() throws Exception {
    Path out = tmp.resolve("demo");
    Process demo = start("demo", "--out", out.toString());
    String stdout = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(demo.waitFor(10, TimeUnit.MINUTES));
    String log = Files.readString(tmp.resolve("stderr-demo.log"));
    assertEquals(0, demo.exitValue(), stdout + log);
    assertTrue(stdout.contains("label: {read=20, labelled=12"), stdout);
    assertTrue(stdout.contains("caveat: Too few songs to mean anything: 8 evaluated"), stdout);
    assertTrue(log.contains("LabelJob: label: 20 songs read"), "concise progress lines on stderr");
    assertTrue(Files.isDirectory(out.resolve("label/predictions")));
    assertTrue(Files.exists(out.resolve("train/report/report.md")));

    Process predict = start("predict", "--model", out.resolve("train/model").toString());
    predict.getOutputStream().write(("{\"id\": \"x\", \"lyrics\": \"we dance and shine, alive tonight, jump and "
        + "celebrate the golden summer lights together\"}\n").getBytes(StandardCharsets.UTF_8));
    predict.getOutputStream().close();
    String json = new String(predict.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(predict.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, predict.exitValue(), json + Files.readString(tmp.resolve("stderr-predict.log")));
    assertEquals(1, json.lines().count(), "stdout carries only the results: " + json);
    assertTrue(json.startsWith("{\"id\":\"x\",\"quadrant\":"), json);
  }
}
