package dev.songmood.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SampleModel;
import dev.songmood.SparkTestBase;
import dev.songmood.input.InputSpec;
import dev.songmood.io.HadoopFiles;
import dev.songmood.io.OutputPublisher;
import dev.songmood.model.EmotionModel;
import dev.songmood.model.Provenance;
import dev.songmood.tables.RunsTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Rolling a model back: label with model A, relabel everything with model B, restore before B's run: the tables are
 * A's again, row for row; the next night labels exactly the songs that changed since, and a restore can be undone.
 * Model B is the sample model published again under another version, without its calibration: every row says
 * which model and run wrote it, so A's rows and B's differ.
 */
@Tag("slow")
class RestoreJobTest extends SparkTestBase {
  private static final String TAIL = ", singing loud through morning light and evening shadows";

  private static String line(String id, String artist, String lyrics) {
    return "{\"id\": \"" + id + "\", \"artist\": \"" + artist + "\", \"lyrics\": \"" + lyrics + TAIL + "\"}";
  }

  private Path catalog(String name, String... extra) throws Exception {
    List<String> lines = new java.util.ArrayList<>(List.of(
        line("s0", "a0", "We dance all night under golden lights, hearts alive and shining bright, jump and shout"),
        line("s1", "a1", "Burn it down, the rage inside me screams, I fight the liars and the broken dreams"),
        line("s2", "a2", "Tears fall slow on an empty bed, the words I never said, lonely rain and grey skies"),
        line("s3", "a3", "Soft breeze over the quiet sea, gentle hands and you and me, calm and warm at peace"),
        "{\"id\": \"bad\", \"artist\": \"x\", \"lyrics\": \"la la\"}"));
    lines.addAll(List.of(extra));
    return write(name, String.join("\n", lines) + "\n");
  }

  private LabelResult label(String model, Path catalog, String out, boolean full) {
    return LabelJob.run(spark, new LabelConfig(model, InputSpec.of(catalog.toString()), out, false, full));
  }

  /** The sample model without its calibration (when it has one), published under version {@code A-b}. */
  private String modelB() {
    EmotionModel a = EmotionModel.load(spark, SampleModel.get().modelDir());
    Map<String, Object> fields = a.provenance().fields();
    fields.put("model_version", a.version() + "-b");
    EmotionModel uncalibrated = a.uncalibrated();
    EmotionModel b = new EmotionModel(a.labels(), a.preprocess(), uncalibrated.classifier(), new Provenance(fields));
    String dir = tmp.resolve("model-b").toString();
    new OutputPublisher(new HadoopFiles(spark)).publish(dir, "model-b", staging -> b.save(spark, staging));
    return dir;
  }

  private List<Row> rows(String table) {
    Dataset<Row> t = spark.read().format("delta").load(table);
    return t.orderBy(t.columns()[0], t.columns()).collectAsList();
  }

  @Test
  void restoreBeforeModelBsRunGivesBackModelAsTablesAndTheNextNightLabelsOnlyWhatChanged() throws Exception {
    String out = tmp.resolve("tables").toString();
    Path night = catalog("night.jsonl");
    String modelA = SampleModel.get().modelDir();
    LabelResult a = label(modelA, night, out, false);
    List<Row> predictionsA = rows(a.predictionsDir());
    List<Row> quarantineA = rows(a.quarantineDir());
    assertEquals(4, predictionsA.size());

    LabelResult b = label(modelB(), catalog("night-b.jsonl", line("s4", "a4", "Cold walls closing in, chains of fear")),
        out, true);
    assertNotEquals(a.modelVersion(), b.modelVersion());
    List<Row> predictionsB = rows(b.predictionsDir());
    assertEquals(5, predictionsB.size(), "B labelled a song A never saw");
    assertNotEquals(predictionsA, predictionsB);

    RestoreResult restored = RestoreJob.run(spark, new RestoreConfig(out, b.runId(), -1));
    assertEquals(predictionsA, rows(a.predictionsDir()), "the predictions are A's again, row for row");
    assertEquals(quarantineA, rows(a.quarantineDir()));
    assertEquals(a.modelVersion(), restored.modelVersions());
    assertTrue(restored.predictions().changed() && restored.predictions().now() > restored.predictions().from(),
        "a new commit: the history keeps B's version");
    assertFalse(Files.exists(tmp.resolve("tables").resolve(QuietNight.FILE)), "the next night reads the catalog");
    Row row = spark.read().format("delta").load(a.runsDir()).where("run_id = '" + restored.runId() + "'").first();
    assertEquals(RunsTable.RESTORED, row.getAs("status"));
    assertEquals(RunsTable.RESTORE, row.getAs("mode"));
    assertEquals(restored.predictions().now(), (long) row.getAs("predictions_version"));

    // The next night with model A: one song's lyrics changed since A's run, one is new; the rest are A's rows.
    Path next = catalog("next.jsonl", line("s4", "a4", "Cold walls closing in, chains of fear"));
    Files.writeString(next, Files.readString(next).replace("empty bed", "empty room"));
    LabelResult after = label(modelA, next, out, false);
    assertEquals(RunsTable.INCREMENTAL, spark.read().format("delta").load(a.runsDir())
        .where("run_id = '" + after.runId() + "'").first().getAs("mode"));
    assertEquals(2L, after.counts().get("labelled"), after.counts().toString());
    assertEquals(3L, after.counts().get("unchanged"));
    assertEquals(List.of("s2", "s4"), spark.read().format("delta").load(a.predictionsDir())
        .where("run_id = '" + after.runId() + "'").orderBy("id").select("id").as(
            org.apache.spark.sql.Encoders.STRING()).collectAsList());

    // A restore is undone like any commit: --to-version B's predictions version gives B's rows back.
    long bVersion = restored.predictions().from();
    RestoreJob.run(spark, new RestoreConfig(out, null, bVersion));
    assertEquals(predictionsB, rows(a.predictionsDir()));
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> RestoreJob.run(spark, new RestoreConfig(out, "no-such-run", -1)));
    assertTrue(unknown.getMessage().contains("has no run no-such-run") && unknown.getMessage().contains(a.runId()),
        unknown.getMessage());
  }
}
