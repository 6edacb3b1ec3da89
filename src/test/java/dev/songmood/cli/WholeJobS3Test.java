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
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * Every command of the job with every path on s3a:// (catalog, prepared data, model, reports, quarantine, the label
 * tables), against a real S3 server on loopback, gives what the same commands give on local disk; a second night on
 * S3 changes nothing; nothing is left behind in the bucket but the outputs, and the secret key is in none of them.
 */
@Tag("slow")
class WholeJobS3Test extends SparkTestBase {
  /** Runs a command in process, asserts its exit code, and returns what it printed to stderr. */
  private String run(int expectedCode, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream(), true),
        new PrintStream(err, true, StandardCharsets.UTF_8), () -> spark);
    String printed = err.toString(StandardCharsets.UTF_8);
    assertEquals(expectedCode, code, String.join(" ", args) + ": " + printed);
    return printed;
  }

  /** prepare, train, evaluate, label twice: input and outputs under the given roots. */
  private void wholeJob(String in, String out) {
    run(0, "prepare", "--input", in + "/songs.csv", "--out", out + "/prepare");
    run(0, "train", "--input", in + "/songs.csv", "--out", out + "/train", "--vocab-sizes", "1000", "--reg-params",
        "0.01,0.1");
    run(0, "evaluate", "--model", out + "/train/model", "--input", in + "/songs.csv", "--split", "test", "--out",
        out + "/evaluate");
    for (int night = 1; night <= 2; night++) {
      run(0, "label", "--model", out + "/train/model", "--input", in + "/catalog.jsonl", "--out", out + "/label");
    }
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
      for (String f : List.of("songs.csv", "catalog.jsonl")) {
        s3.upload(conf, projectDir().resolve("sample-data").resolve(f), remoteIn + "/" + f);
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
      assertEquals(List.of(), s3.objectsContaining(s3.secretKey()), "objects holding the secret key");
      List<String> objects = s3.objects();
      for (String o : objects) {
        assertFalse(o.contains(".publishing") || o.contains("__magic")
            || o.contains("_temporary") || o.contains("_staging/"), "left behind: " + o);
      }
      assertTrue(objects.stream().anyMatch(o -> o.startsWith("music/songmood/train/model/")), objects.toString());
      assertTrue(objects.stream().anyMatch(o -> o.startsWith("music/songmood/evaluate/report/confusion_matrix.png")),
          objects.toString());

      // A model whose publication on S3 was cut short (a file missing) is refused before any work.
      String stageFile = objects.stream().filter(o -> o.startsWith("music/songmood/train/model/pipeline/stages/")
          && o.endsWith(".parquet")).findFirst().orElseThrow();
      Files.delete(s3.data().resolve(stageFile));
      String message = run(2, "label", "--model", remote + "/train/model", "--input", remoteIn + "/catalog.jsonl",
          "--out", remote + "/label");
      assertTrue(message.contains("the model " + remote + "/train/model is incomplete"), message);
    }
  }
}
