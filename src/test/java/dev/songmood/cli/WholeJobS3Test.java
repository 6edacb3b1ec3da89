package dev.songmood.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.S3Server;
import dev.songmood.SparkTestBase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Every command of the job with every path on s3a:// (catalog, prepared data, model, reports, quarantine, the label
 * tables), against a real S3 server on loopback, gives what the same commands give on local disk; a second night on
 * S3 changes nothing; nothing is left behind in the bucket but the outputs, and the secret key is in none of them.
 */
class WholeJobS3Test extends SparkTestBase {
  private static final String[] TRAIN_GRID = {"--vocab-sizes", "1000", "--reg-params", "0.01,0.1"};

  private String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), () -> spark);
    assertEquals(0, code, String.join(" ", args) + ": " + err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
  }

  /** prepare, train, evaluate, label twice: input and outputs under the given roots. */
  private List<String> wholeJob(String in, String out) {
    List<String> printed = new ArrayList<>();
    printed.add(run("prepare", "--input", in + "/songs.csv", "--out", out + "/prepare"));
    List<String> train = new ArrayList<>(List.of("train", "--input", in + "/songs.csv", "--out", out + "/train"));
    train.addAll(List.of(TRAIN_GRID));
    printed.add(run(train.toArray(String[]::new)));
    printed.add(run("evaluate", "--model", out + "/train/model", "--input", in + "/songs.csv", "--split", "test",
        "--out", out + "/evaluate"));
    printed.add(run("label", "--model", out + "/train/model", "--input", in + "/catalog.jsonl", "--out",
        out + "/label"));
    printed.add(run("label", "--model", out + "/train/model", "--input", in + "/catalog.jsonl", "--out",
        out + "/label"));
    return printed;
  }

  /** Columns that name the run, its time or its input path, so differ between the local and the S3 run. */
  private static final String[] RUN_SPECIFIC = {"model_version", "run_id", "labelled_at", "quarantined_at", "seconds",
      "dataset"};

  private List<Row> parquet(String path, String order) {
    return spark.read().parquet(path).drop(RUN_SPECIFIC).orderBy(order).collectAsList();
  }

  private List<Row> delta(String path, String order) {
    return spark.read().format("delta").load(path).drop(RUN_SPECIFIC).orderBy(order).collectAsList();
  }

  /** Equal rows, except that doubles may differ by {@code tolerance}. */
  private static void assertSameWithin(List<Row> expected, List<Row> actual, double tolerance) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      Row e = expected.get(i);
      Row a = actual.get(i);
      assertEquals(e.length(), a.length());
      for (int c = 0; c < e.length(); c++) {
        if (e.get(c) instanceof Double d) {
          assertEquals(d, a.getDouble(c), tolerance, e.schema().fields()[c].name() + " of " + e);
        } else {
          assertEquals(e.get(c), a.get(c), e.schema().fields()[c].name() + " of " + e);
        }
      }
    }
  }

  @Test
  void everyCommandOnS3GivesTheLocalOutputs() throws Exception {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    try (S3Server s3 = S3Server.start(tmp)) {
      s3.configure(conf);
      s3.createBucket("music");
      String remoteIn = "s3a://music/catalogs";
      org.apache.hadoop.fs.Path in = new org.apache.hadoop.fs.Path(remoteIn);
      try (FileSystem fs = in.getFileSystem(conf)) {
        for (String f : List.of("songs.csv", "catalog.jsonl")) {
          fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(projectDir().resolve("sample-data").resolve(f).toUri()),
              new org.apache.hadoop.fs.Path(remoteIn + "/" + f));
        }
      }
      String local = tmp.resolve("local").toString();
      String remote = "s3a://music/songmood";
      wholeJob(projectDir().resolve("sample-data").toString(), local);
      wholeJob(remoteIn, remote);

      // prepare: the same prepared songs and quarantine
      assertEquals(parquet(local + "/prepare/prepared", "id"), parquet(remote + "/prepare/prepared", "id"));
      assertEquals(parquet(local + "/prepare/quarantine", "source_row"),
          parquet(remote + "/prepare/quarantine", "source_row"));
      // train and evaluate: the same search and the same held-out metrics (the run id and model version differ)
      for (String report : List.of("/train/report", "/evaluate/report")) {
        assertEquals(parquet(local + report + "/summary", "model"), parquet(remote + report + "/summary", "model"),
            report);
        assertEquals(parquet(local + report + "/per_class", "model"), parquet(remote + report + "/per_class", "model"),
            report);
        assertEquals(parquet(local + report + "/confusion", "actual"),
            parquet(remote + report + "/confusion", "actual"), report);
      }
      assertEquals(parquet(local + "/train/report/trials", "trial"), parquet(remote + "/train/report/trials", "trial"));
      // label: the same predictions and quarantine, and night two committed nothing
      // The two models are fitted on the same rows, but floating-point sums in another order differ in the last bits.
      assertSameWithin(delta(local + "/label/predictions", "id"), delta(remote + "/label/predictions", "id"), 1e-9);
      assertEquals(delta(local + "/label/quarantine", "fingerprint"), delta(remote + "/label/quarantine", "fingerprint"));
      List<Row> runs = spark.read().format("delta").load(remote + "/label/runs").orderBy("started_at")
          .select("status", "labelled", "unchanged").collectAsList();
      assertEquals(2, runs.size());
      assertEquals("succeeded", runs.get(1).getString(0));
      assertEquals(0L, runs.get(1).getLong(1), "night two labels nothing");
      assertEquals(runs.get(0).getLong(1), runs.get(1).getLong(2), "night two keeps every label of night one");

      // What is in the bucket: the outputs, no staging, previous, __magic or _temporary leftovers, no secret.
      String secret = s3.secretKey();
      List<String> objects = new ArrayList<>();
      try (Stream<Path> files = Files.walk(s3.data())) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          String rel = s3.data().relativize(f).toString();
          objects.add(rel);
          assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(secret),
              "the secret key is in " + rel);
        }
      }
      for (String o : objects) {
        assertFalse(o.contains(".staging-") || o.contains(".previous-") || o.contains("__magic")
            || o.contains("_temporary") || o.contains("_staging/"), "left behind: " + o);
      }
      assertTrue(objects.stream().anyMatch(o -> o.startsWith("music/songmood/train/model/")), objects.toString());
      assertTrue(objects.stream().anyMatch(o -> o.startsWith("music/songmood/evaluate/report/confusion_matrix.png")),
          objects.toString());

      // A model whose publication on S3 was cut short (a file missing) is refused before any work.
      String stageFile = objects.stream().filter(o -> o.startsWith("music/songmood/train/model/pipeline/stages/")
          && o.endsWith(".parquet")).findFirst().orElseThrow();
      Files.delete(s3.data().resolve(stageFile));
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = Main.run(new String[] {"label", "--model", remote + "/train/model", "--input", remoteIn
          + "/catalog.jsonl", "--out", remote + "/label"}, new ByteArrayInputStream(new byte[0]),
          new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true, StandardCharsets.UTF_8),
          () -> spark);
      String message = err.toString(StandardCharsets.UTF_8);
      assertEquals(2, code, message);
      assertTrue(message.contains("the model " + remote + "/train/model is incomplete"), message);
    }
  }
}
