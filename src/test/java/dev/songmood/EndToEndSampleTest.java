package dev.songmood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.cli.Main;
import dev.songmood.notebook.SqlNotebook;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, in process: {@code demo} on sample-data (prepare, train with search, held-out report,
 * label the catalog), then the analysts' notebook over its outputs.
 */
@Tag("slow")
class EndToEndSampleTest extends SparkTestBase {

  @Test
  void demoWritesPredictionsReportAndQuarantineAndTheNotebookRuns() throws Exception {
    Path out = tmp.resolve("demo");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"demo", "--out", out.toString(), "--database", "e2e_demo", "--sample-data",
        projectDir().resolve("sample-data").toString()}, new ByteArrayInputStream(new byte[0]),
        new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8),
        () -> spark);
    assertEquals(0, code, stderr.toString(StandardCharsets.UTF_8));
    String printed = stdout.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("macro-F1"), printed);

    // Every catalog line ends in exactly one table.
    long catalogLines = Files.readAllLines(projectDir().resolve("sample-data/catalog.jsonl")).stream()
        .filter(l -> !l.isBlank()).count();
    Dataset<Row> predictions = spark.read().format("delta").load(out.resolve("label/predictions").toString());
    Dataset<Row> quarantine = spark.read().format("delta").load(out.resolve("label/quarantine").toString());
    assertEquals(catalogLines, predictions.count() + quarantine.count());
    assertEquals(predictions.count(), predictions.select("id").distinct().count());
    assertTrue(predictions.count() >= 12, "the 12 ordinary catalog songs are labelled");

    // Predictions carry a distribution over the four quadrants and the model version.
    for (Row r : predictions.collectAsList()) {
      double sum = 0;
      double max = 0;
      for (String q : List.of("prob_q1", "prob_q2", "prob_q3", "prob_q4")) {
        double p = r.getDouble(r.fieldIndex(q));
        sum += p;
        max = Math.max(max, p);
      }
      assertEquals(1.0, sum, 1e-9);
      assertEquals(max, r.getDouble(r.fieldIndex("confidence")), 1e-12);
      assertEquals("Q" + (r.getInt(r.fieldIndex("quadrant")) + 1), r.getString(r.fieldIndex("quadrant_name")));
      assertTrue(r.getString(r.fieldIndex("model_version")).startsWith("tfidf-logreg-"));
      assertEquals(64, r.getString(r.fieldIndex("lyrics_sha256")).length());
    }
    Set<String> reasons = quarantine.select("reason").collectAsList().stream().map(r -> r.getString(0))
        .collect(Collectors.toSet());
    assertTrue(reasons.containsAll(Set.of("missing_lyrics", "empty_lyrics", "lyrics_too_short", "missing_id",
        "duplicate_id", "malformed_row")), reasons.toString());

    // fetch-lyrics filled metadata.csv from the loopback server, and label read the result as it is.
    assertTrue(printed.contains("fetch-lyrics: {read=8, had_lyrics=0, fetched=5, cached=0, missed=3"), printed);
    assertEquals(8, spark.read().format("delta").load(out.resolve("fetch/label/predictions").toString()).count()
        + spark.read().format("delta").load(out.resolve("fetch/label/quarantine").toString()).count());

    // The held-out report: tables, Markdown and pictures.
    Path report = out.resolve("train/report");
    String md = Files.readString(report.resolve("report.md"));
    assertTrue(md.contains("| model |") && md.contains("Hyperparameter trials"), md);
    assertTrue(md.contains("Too few songs to mean anything: 8 evaluated, 2 in the smallest quadrant"), md);
    for (String png : List.of("confusion_matrix.png", "class_balance.png")) {
      BufferedImage image = ImageIO.read(report.resolve(png).toFile());
      assertTrue(image.getWidth() > 100, png);
    }
    Row summary = spark.read().parquet(report.resolve("summary").toString()).first();
    assertEquals(8L, summary.getLong(summary.fieldIndex("songs")), "8 test songs in sample-data");
    assertEquals(3, spark.read().parquet(report.resolve("trials").toString()).count());
    assertTrue(Files.exists(out.resolve("prepare/charts/valence_arousal.png")));

    // The analysts' notebooks run over these outputs by table name (the demo's --database) and agree with them.
    SqlNotebook.Outcome run = SqlNotebook.read(projectDir().resolve("notebooks/catalog_moods.ipynb"))
        .run(spark, Map.of("database", "e2e_demo"));
    assertFalse(run.failed(), run.error());
    List<SqlNotebook.CellResult> cells = run.results();
    Row counts = cells.get(0).rows().get(0);
    assertEquals(predictions.count(), counts.getLong(0));
    assertEquals(quarantine.count(), counts.getLong(1));
    long balanceTotal = cells.get(1).rows().stream().mapToLong(r -> r.getLong(r.fieldIndex("songs"))).sum();
    assertEquals(predictions.count(), balanceTotal);

    // From the command line, both notebooks, the executed copies written relative to the working directory.
    String relative = Path.of("").toAbsolutePath().relativize(out.resolve("notebooks").toAbsolutePath()).toString();
    assertFalse(Path.of(relative).isAbsolute());
    for (String notebook : List.of("catalog_moods", "model_report")) {
      stdout.reset();
      code = Main.run(new String[] {"notebook", "--notebook", projectDir().resolve("notebooks/" + notebook + ".ipynb")
          .toString(), "--database", "e2e_demo", "--out", relative}, new ByteArrayInputStream(new byte[0]),
          new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8),
          () -> spark);
      assertEquals(0, code, notebook + ": " + stderr.toString(StandardCharsets.UTF_8));
      assertTrue(Files.size(out.resolve("notebooks/" + notebook + ".html")) > 10_000, notebook + " has its charts");
    }
  }
}
