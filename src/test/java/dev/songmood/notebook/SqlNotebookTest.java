package dev.songmood.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.songmood.RequiredTool;
import dev.songmood.SparkTestBase;
import dev.songmood.input.InputSpec;
import dev.songmood.label.LabelConfig;
import dev.songmood.label.LabelJob;
import dev.songmood.label.LabelResult;
import dev.songmood.tables.TableRegistry;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The analysts' catalog notebook, executed over a real label run's tables named in a database: every cell runs,
 * the numbers agree with the tables, every chart is a picture, and the executed file opens without a kernel.
 */
@Tag("slow")
class SqlNotebookTest extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LabelResult labelSampleCatalog(String database) {
    LabelResult r = LabelJob.run(spark, new LabelConfig(projectDir().resolve("models/default").toString(),
        InputSpec.of(projectDir().resolve("sample-data/catalog.jsonl").toString()), tmp.resolve("label").toString()));
    TableRegistry.register(spark, database, Map.of(
        "predictions", new TableRegistry.Location(r.predictionsDir(), "delta"),
        "quarantine", new TableRegistry.Location(r.quarantineDir(), "delta"),
        "runs", new TableRegistry.Location(r.runsDir(), "delta")));
    return r;
  }

  @Test
  void theCatalogNotebookRunsByTableNameWithAChartPerChartCell() throws Exception {
    labelSampleCatalog("nb_test");
    long labelled = spark.sql("SELECT count(*) FROM nb_test.predictions").first().getLong(0);
    SqlNotebook notebook = SqlNotebook.read(projectDir().resolve("notebooks/catalog_moods.ipynb"));
    SqlNotebook.Outcome run = notebook.run(spark, Map.of("database", "nb_test"));
    assertFalse(run.failed(), "cell " + run.failedCell() + ": " + run.error());

    Row counts = run.results().get(0).rows().get(0);
    assertEquals(labelled, counts.getLong(0));
    long mix = run.results().get(1).rows().stream().mapToLong(r -> r.getLong(r.fieldIndex("songs"))).sum();
    assertEquals(labelled, mix, "the mood mix counts every labelled song once");
    SqlNotebook.CellResult confidence = cell(run, "Songs by confidence");
    assertEquals(java.util.stream.IntStream.rangeClosed(5, 19).mapToObj(i -> String.format(java.util.Locale.ROOT,
        "%.2f", i / 20.0)).toList(), confidence.rows().stream().map(r -> r.getString(0)).toList(),
        "every confidence step from 0.25 has its bar, an empty one too");
    assertEquals(labelled, confidence.rows().stream().mapToLong(r -> r.getLong(1)).sum());
    SqlNotebook.CellResult plane = cell(run, "Russell's plane");
    org.jfree.chart.JFreeChart chart = CellChart.of(plane.sql()).orElseThrow().chart(plane.columns(), plane.rows());
    boolean estimates = plane.rows().stream().anyMatch(r -> !r.isNullAt(0) && !r.isNullAt(1));
    assertEquals(!estimates, chart.getTitle().getText().contains(PlaneChart.NO_ESTIMATES), chart.getTitle().getText());
    assertEquals(estimates, chart.getXYPlot().getDataset().getSeriesCount() > 0, "songs placed only at estimates");
    assertTrue(chart.getXYPlot().getDomainAxis().getLowerBound() <= 1
        && chart.getXYPlot().getDomainAxis().getUpperBound() >= 9, "the whole 1..9 scale");

    Path file = tmp.resolve("executed.ipynb");
    notebook.write(file);
    JsonNode executed = JSON.readTree(file.toFile());
    assertFalse(executed.path("metadata").has("kernelspec"), "names no kernel that does not exist");
    int charts = 0;
    int codeCells = 0;
    for (JsonNode cell : executed.path("cells")) {
      if (!"code".equals(cell.path("cell_type").asText())) {
        continue;
      }
      codeCells++;
      String source = SqlNotebook.source((com.fasterxml.jackson.databind.node.ObjectNode) cell);
      boolean wantsChart = source.contains("-- chart:");
      JsonNode picture = null;
      for (JsonNode out : cell.path("outputs")) {
        assertFalse("error".equals(out.path("output_type").asText()), out.toString());
        if (out.path("data").has("image/png")) {
          picture = out.path("data").get("image/png");
        }
      }
      assertEquals(wantsChart, picture != null, source);
      if (picture != null) {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(picture.asText())));
        assertEquals(720, image.getWidth());
        charts++;
      }
    }
    assertEquals(run.results().size(), codeCells, "every code cell ran");
    assertTrue(charts >= 6, "mood mix, genre, artist, confidence, plane, runs, quarantine: " + charts);

    String html = NotebookHtml.render(notebook, "catalog_moods");
    assertEquals(charts, html.split("<img ", -1).length - 1, "the HTML copy carries every chart inline");
    assertTrue(html.contains("<h2>The mood mix of the catalog</h2>"), "Markdown cells rendered");
  }

  private static SqlNotebook.CellResult cell(SqlNotebook.Outcome run, String marker) {
    return run.results().stream().filter(c -> c.sql().contains(marker)).findFirst().orElseThrow();
  }

  /** Where Debian's jupyter-nbconvert is installed, the executed notebook converts; otherwise skipped (CI: fails). */
  @Test
  void theExecutedNotebookConvertsWithNbconvert() throws Exception {
    RequiredTool.require(RequiredTool.onPath("jupyter-nbconvert").isPresent(),
        "jupyter-nbconvert is not installed: the executed notebook's rendering is not checked");
    labelSampleCatalog("nb_convert");
    SqlNotebook notebook = SqlNotebook.read(projectDir().resolve("notebooks/catalog_moods.ipynb"));
    assertFalse(notebook.run(spark, Map.of("database", "nb_convert")).failed());
    Path file = tmp.resolve("executed.ipynb");
    notebook.write(file);
    Process p = new ProcessBuilder("jupyter-nbconvert", "--to", "html", "--stdout", file.toString())
        .redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), new String(out));
  }

  @Test
  void aFailingCellKeepsTheEarlierResultsAndSaysWhichCellFailed() throws Exception {
    Path nb = tmp.resolve("bad.ipynb");
    Files.writeString(nb, """
        {"cells": [
          {"cell_type": "code", "metadata": {}, "outputs": [], "source": ["SELECT 1 AS one"]},
          {"cell_type": "markdown", "metadata": {}, "source": ["between"]},
          {"cell_type": "code", "metadata": {}, "outputs": [], "source": ["SELECT * FROM no_such_db.no_table"]},
          {"cell_type": "code", "metadata": {}, "outputs": [], "source": ["SELECT 3"]}],
         "metadata": {"kernelspec": {"name": "sparksql"}}, "nbformat": 4, "nbformat_minor": 5}
        """);
    SqlNotebook notebook = SqlNotebook.read(nb);
    SqlNotebook.Outcome run = notebook.run(spark, Map.of());
    assertTrue(run.failed());
    assertEquals(2, run.failedCell());
    assertTrue(run.error().contains("no_such_db"), run.error());
    assertEquals(1, run.results().size(), "the cell before it kept its result");
    JsonNode cells = notebook.json().path("cells");
    assertEquals("execute_result", cells.get(0).path("outputs").get(0).path("output_type").asText());
    assertEquals("error", cells.get(2).path("outputs").get(0).path("output_type").asText());
    assertEquals(0, cells.get(3).path("outputs").size(), "nothing after the failure ran");
    assertTrue(NotebookHtml.render(notebook, "bad").contains("class=\"error\""));
  }

}
