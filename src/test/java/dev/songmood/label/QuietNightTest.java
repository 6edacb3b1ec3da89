package dev.songmood.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SampleModel;
import dev.songmood.SparkTestBase;
import dev.songmood.input.InputSpec;
import io.delta.tables.DeltaTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A night whose input files, model and settings are the last successful run's reads nothing and commits only its
 * runs row, also when the catalog was written again with the same bytes; anything that could change an answer
 * (changed lyrics, a commit to the tables by someone else, --full, another model directory, an unreadable state
 * file) sends the night the long way.
 */
@Tag("slow")
class QuietNightTest extends SparkTestBase {
  private static final String SONG = ", singing loud through morning light and evening shadows over the town";

  private Path catalog() throws Exception {
    return write("catalog.jsonl", String.join("\n",
        "{\"id\": \"a\", \"artist\": \"x\", \"lyrics\": \"We dance all night under golden lights" + SONG + "\"}",
        "{\"id\": \"b\", \"artist\": \"y\", \"lyrics\": \"Tears fall slow on an empty bed, lonely rain" + SONG + "\"}",
        "{\"id\": \"c\", \"artist\": \"z\", \"lyrics\": \"Burn it down, the rage inside me screams" + SONG + "\"}",
        "{\"id\": \"short\", \"artist\": \"z\", \"lyrics\": \"la la\"}") + "\n");
  }

  private LabelResult label(String model, Path catalog, String out, boolean full) {
    return LabelJob.run(spark, new LabelConfig(model, InputSpec.of(catalog.toString()), out, false, full));
  }

  private Row runRow(LabelResult r) {
    return spark.read().format("delta").load(r.runsDir()).where(functions.col("run_id").equalTo(r.runId())).first();
  }

  private long version(String table) {
    return DeltaTable.forPath(spark, table).history(1).first().getLong(0);
  }

  @Test
  void anUntouchedNightReadsNothingAndAnythingThatCouldChangeAnAnswerReadsAgain() throws Exception {
    String model = SampleModel.get().modelDir();
    String out = tmp.resolve("tables").toString();
    Path catalog = catalog();
    LabelResult first = label(model, catalog, out, false);
    assertEquals(3L, first.counts().get("labelled"));
    assertTrue(Files.exists(tmp.resolve("tables/" + QuietNight.FILE)), "a successful run leaves its state");
    long predictions = version(first.predictionsDir());
    long quarantine = version(first.quarantineDir());

    LabelResult quiet = label(model, catalog, out, false);
    assertEquals("unchanged", runRow(quiet).getAs("mode"));
    assertEquals("succeeded", runRow(quiet).getAs("status"));
    assertEquals(Map.of("read", 4L, "labelled", 0L, "unchanged", 3L, "quarantined", 1L, "removed", 0L,
        "uncertain", 0L, "quarantined_lyrics_too_short", 1L), quiet.counts());
    assertEquals(first.modelVersion(), quiet.modelVersion());
    assertEquals(predictions, version(quiet.predictionsDir()), "no commit to predictions");
    assertEquals(quarantine, version(quiet.quarantineDir()), "no commit to quarantine");
    assertEquals(1L, spark.read().format("delta").load(quiet.runsDir()).where("run_id = '" + quiet.runId() + "'")
        .count(), "one row, final at once");
    assertEquals(0L, spark.read().format("delta").load(quiet.runsDir()).where("status = 'running'").count());

    // The same bytes written again (a new modification time): still the same input, still quiet.
    assertTrue(catalog.toFile().setLastModified(catalog.toFile().lastModified() + 5_000));
    assertEquals("unchanged", runRow(label(model, catalog, out, false)).getAs("mode"));

    // One song's lyrics changed: the long way labels that song; the night after is quiet again.
    Files.writeString(catalog, Files.readString(catalog).replace("empty bed", "empty room"));
    LabelResult edited = label(model, catalog, out, false);
    assertEquals("incremental", runRow(edited).getAs("mode"));
    assertEquals(1L, edited.counts().get("labelled"));
    assertEquals(2L, edited.counts().get("unchanged"));
    assertEquals("unchanged", runRow(label(model, catalog, out, false)).getAs("mode"));

    // Someone else committed to the predictions: the long way relabels what that commit changed.
    DeltaTable.forPath(spark, first.predictionsDir()).update(functions.col("id").equalTo("a"),
        Map.of("model_version", functions.lit("an-older-model")));
    LabelResult afterCommit = label(model, catalog, out, false);
    assertEquals("incremental", runRow(afterCommit).getAs("mode"));
    assertEquals(1L, afterCommit.counts().get("labelled"));

    assertEquals("full", runRow(label(model, catalog, out, true)).getAs("mode"));

    // Another model directory (the same files copied): its fingerprint differs.
    Path copy = tmp.resolve("model-copy");
    copyTree(Path.of(model), copy);
    assertEquals("incremental", runRow(label(copy.toString(), catalog, out, false)).getAs("mode"));

    // A state file that cannot be read is ignored, and rewritten by the run.
    Files.writeString(tmp.resolve("tables/" + QuietNight.FILE), "{not json");
    LabelResult unreadable = label(copy.toString(), catalog, out, false);
    assertEquals("incremental", runRow(unreadable).getAs("mode"));
    assertEquals("unchanged", runRow(label(copy.toString(), catalog, out, false)).getAs("mode"));

    List<Row> modes = spark.read().format("delta").load(out + "/runs").orderBy("started_at").select("mode")
        .collectAsList();
    assertEquals(List.of("incremental", "unchanged", "unchanged", "incremental", "unchanged", "incremental", "full",
        "incremental", "incremental", "unchanged"), modes.stream().map(r -> r.getString(0)).toList());
    assertFalse(Files.exists(tmp.resolve("tables/" + QuietNight.FILE + ".partial")));
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (var paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
  }
}
