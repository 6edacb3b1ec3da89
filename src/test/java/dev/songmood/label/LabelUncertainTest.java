package dev.songmood.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SampleModel;
import dev.songmood.SparkTestBase;
import dev.songmood.cli.Main;
import dev.songmood.model.CoverageTable;
import dev.songmood.model.EmotionModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code label --min-confidence} / {@code --coverage} on sample-data through the command line: exactly the songs
 * below the threshold are marked uncertain, none is dropped, the runs table counts them; a changed threshold marks
 * the unchanged songs again; tables written before the column existed take it.
 */
class LabelUncertainTest extends SparkTestBase {
  private static final String CATALOG = "sample-data/catalog.jsonl";

  private int label(String out, String catalog, String... extra) {
    List<String> args = new ArrayList<>(List.of("label", "--model", SampleModel.get().modelDir(), "--input",
        catalog, "--out", out));
    args.addAll(Arrays.asList(extra));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args.toArray(new String[0]), new ByteArrayInputStream(new byte[0]),
        new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true), () -> spark);
    assertEquals(0, code, err.toString());
    return code;
  }

  private Dataset<Row> table(String path) {
    return spark.read().format("delta").load(path);
  }

  private Row lastRun(String out) {
    return table(out + "/runs").orderBy(org.apache.spark.sql.functions.col("started_at").desc()).first();
  }

  /** Every row: uncertain exactly when its confidence is below {@code threshold}; returns how many are. */
  private long assertMarkedBelow(String out, Double threshold) {
    long uncertain = 0;
    List<Row> rows = table(out + "/predictions").collectAsList();
    assertFalse(rows.isEmpty());
    for (Row r : rows) {
      boolean expected = threshold != null && r.<Double>getAs("confidence") < threshold;
      assertEquals(expected, r.<Boolean>getAs("uncertain"), r.toString());
      assertTrue(r.getAs("quadrant") != null && r.getAs("prob_q1") != null, "an uncertain song keeps its label");
      uncertain += expected ? 1 : 0;
    }
    Row run = lastRun(out);
    assertEquals(uncertain, run.<Long>getAs("uncertain"), "the runs table counts the uncertain rows");
    assertEquals(threshold, run.<Double>getAs("min_confidence"));
    assertEquals(run.<Long>getAs("read"), run.<Long>getAs("labelled") + run.<Long>getAs("unchanged")
        + run.<Long>getAs("quarantined"), "every song read is labelled, unchanged or quarantined");
    return uncertain;
  }

  @Test
  @Tag("slow")  // six label runs, about 50 s; the next test keeps the flag in the fast tier
  void marksExactlyTheSongsBelowTheThresholdAndDropsNone() throws Exception {
    String first = tmp.resolve("first").toString();
    label(first, CATALOG);
    assertEquals(0, assertMarkedBelow(first, null), "no threshold: no song uncertain");
    long labelled = table(first + "/predictions").count();
    double[] confidences = table(first + "/predictions").select("confidence").collectAsList().stream()
        .mapToDouble(r -> r.getDouble(0)).sorted().toArray();
    double median = confidences[confidences.length / 2];

    // the same catalog and model: every song unchanged, flagged again under the threshold the coverage gives
    label(first, CATALOG, "--coverage", "0.5");
    double t = CoverageTable.of(EmotionModel.load(spark, SampleModel.get().modelDir()).provenance()).orElseThrow()
        .threshold(0.5);
    assertMarkedBelow(first, t);
    assertEquals("incremental", lastRun(first).getAs("mode"), "another threshold is not a quiet night");
    assertEquals(0L, lastRun(first).<Long>getAs("labelled"));
    assertEquals(labelled, table(first + "/predictions").count(), "nothing dropped");

    String second = tmp.resolve("second").toString();
    label(second, CATALOG, "--min-confidence", Double.toString(median));
    long below = assertMarkedBelow(second, median);
    assertEquals(confidences.length / 2, Arrays.stream(confidences).filter(c -> c < median).count());
    assertTrue(below > 0 && below < labelled, below + " of " + labelled);
    assertEquals(labelled, lastRun(second).<Long>getAs("labelled"));
    // a quiet night with the same threshold: the same count in its row
    label(second, CATALOG, "--min-confidence", Double.toString(median));
    assertEquals("unchanged", lastRun(second).getAs("mode"));
    assertEquals(below, assertMarkedBelow(second, median));
    // back to no threshold: every song false again
    label(second, CATALOG);
    assertEquals(0, assertMarkedBelow(second, null));
  }

  @Test
  void tablesWrittenBeforeTheColumnTakeIt() throws Exception {
    String fresh = tmp.resolve("fresh").toString();
    label(fresh, CATALOG);
    // the tables as an older version wrote them: no uncertain column, no min_confidence in the runs table
    String old = tmp.resolve("old").toString();
    table(fresh + "/predictions").drop("uncertain").write().format("delta").mode(SaveMode.ErrorIfExists)
        .save(old + "/predictions");
    table(fresh + "/runs").drop("uncertain", "min_confidence").write().format("delta").mode(SaveMode.ErrorIfExists)
        .save(old + "/runs");
    long before = table(old + "/predictions").count();
    // and a night with one more song
    List<String> lines = new ArrayList<>(Files.readAllLines(projectDir().resolve(CATALOG)));
    lines.removeIf(String::isBlank);
    lines.add("{\"id\": \"new1\", \"artist\": \"Someone New\", \"title\": \"Late\", \"lyrics\": \"Tears fall slow on "
        + "an empty bed, the words I never said, lonely rain and grey skies over my heavy head, singing through the "
        + "night\"}");
    Path catalog = write("catalog.jsonl", String.join("\n", lines) + "\n");
    label(old, catalog.toString(), "--min-confidence", "0.99");
    assertEquals(before + 1, table(old + "/predictions").count());
    assertMarkedBelow(old, 0.99);  // the old rows (null until now) and the new one, each by its confidence
    Row run = lastRun(old);
    assertEquals(1L, run.<Long>getAs("labelled"));
    Row older = table(old + "/runs").orderBy("started_at").first();
    assertNull(older.getAs("uncertain"), "an older run's row reads null");
    assertTrue(Arrays.asList(table(old + "/runs").columns()).containsAll(List.of("uncertain", "min_confidence")));
  }
}
