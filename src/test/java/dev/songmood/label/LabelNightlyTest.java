package dev.songmood.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SampleModel;
import dev.songmood.SparkTestBase;
import dev.songmood.input.InputSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Night after night on the same tables: only changes are labelled, a rerun changes nothing, leftovers are harmless. */
@Tag("slow")
class LabelNightlyTest extends SparkTestBase {
  private static final String[] SONGS = {
      "We dance all night under golden lights, hearts alive and shining bright, jump and shout, the summer is ours",
      "Burn it down, the rage inside me screams, I fight the liars and the broken dreams, fire in my veins tonight",
      "Tears fall slow on an empty bed, the words I never said, lonely rain and grey skies over my heavy head",
      "Soft breeze over the quiet sea, gentle hands and you and me, calm and warm, at peace beneath the tree",
      "Running wild with the wind in my hair, laughing loud without a care, the sun is up and love is everywhere",
      "Cold walls closing in on me, chains of fear I cannot flee, thunder rolls and anger fills the night",
  };

  private static String line(String id, String artist, String lyrics) {
    String text = lyrics.isEmpty() ? lyrics : lyrics + ", singing loud through morning light and evening shadows";
    return "{\"id\": \"" + id + "\", \"artist\": \"" + artist + "\", \"lyrics\": \"" + text + "\"}";
  }

  private Path catalog(String name, List<String> lines) throws Exception {
    return write(name, String.join("\n", lines) + "\n");
  }

  private List<String> firstNight() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < SONGS.length; i++) {
      lines.add(line("s" + i, "artist" + i, SONGS[i]));
    }
    lines.add(line("bad", "x", "la la"));
    return lines;
  }

  private LabelResult label(Path catalog, String out, boolean full) {
    return LabelJob.run(spark, new LabelConfig(SampleModel.get().modelDir(), InputSpec.of(catalog.toString()), out,
        false, full));
  }

  private Dataset<Row> table(String path) {
    return spark.read().format("delta").load(path);
  }

  private Map<String, Row> byId(String path) {
    Map<String, Row> rows = new HashMap<>();
    for (Row r : table(path).collectAsList()) {
      rows.put(r.getAs("id"), r);
    }
    return rows;
  }

  private static void assertAccounted(LabelResult r) {
    Map<String, Long> c = r.counts();
    assertEquals(c.get("read"), c.get("labelled") + c.get("unchanged") + c.get("quarantined"), c.toString());
  }

  private long versions(String path) {
    return io.delta.tables.DeltaTable.forPath(spark, path).history().count();
  }

  @Test
  void secondNightLabelsOnlyNewAndChangedSongs() throws Exception {
    String out = tmp.resolve("tables").toString();
    LabelResult night1 = label(catalog("n1.jsonl", firstNight()), out, false);
    assertEquals(6L, night1.counts().get("labelled"));
    assertEquals(0L, night1.counts().get("unchanged"));
    assertEquals(1L, night1.counts().get("quarantined"));
    assertAccounted(night1);
    Map<String, Row> before = byId(night1.predictionsDir());

    List<String> lines = new ArrayList<>(firstNight());
    lines.set(0, line("s0", "artist0", SONGS[0] + ", one more chorus of joy"));  // lyrics changed
    lines.set(2, line("s2", "someone else", SONGS[2]));                        // artist changed (priors read it)
    lines.set(3, line("s3", "artist3", ""));                                   // lyrics gone: leaves predictions
    lines.add(line("new", "artist9", SONGS[4] + " and a brand new day"));      // a new song
    LabelResult night2 = label(catalog("n2.jsonl", lines), out, false);

    assertEquals(8L, night2.counts().get("read"));
    assertEquals(3L, night2.counts().get("labelled"), night2.counts().toString());
    assertEquals(3L, night2.counts().get("unchanged"));
    assertEquals(2L, night2.counts().get("quarantined"));
    assertEquals(1L, night2.counts().get("removed"));
    assertAccounted(night2);

    Map<String, Row> after = byId(night2.predictionsDir());
    assertEquals(Set.of("s0", "s1", "s2", "s4", "s5", "new"), after.keySet());
    for (String id : List.of("s0", "s2", "new")) {
      assertEquals(night2.runId(), after.get(id).getAs("run_id"), id + " was labelled tonight");
    }
    for (String id : List.of("s1", "s4", "s5")) {
      assertEquals(before.get(id), after.get(id), id + " keeps its row, untouched");
    }
    assertNotEquals(before.get("s0").<String>getAs("lyrics_sha256"), after.get("s0").<String>getAs("lyrics_sha256"));
    assertEquals("someone else", after.get("s2").getAs("artist"));

    Set<String> quarantined = table(night2.quarantineDir()).collectAsList().stream()
        .map(r -> r.<String>getAs("id") + ":" + r.<String>getAs("reason")).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(Set.of("bad:lyrics_too_short", "s3:empty_lyrics")), quarantined);

    List<Row> runs = table(night2.runsDir()).orderBy("started_at").collectAsList();
    assertEquals(2, runs.size());
    Row last = runs.get(1);
    assertEquals("succeeded", last.getAs("status"));
    assertEquals("incremental", last.getAs("mode"));
    assertEquals(3L, (long) last.<Long>getAs("labelled"));
    assertEquals(3L, (long) last.<Long>getAs("unchanged"));
    assertEquals(1L, (long) last.<Long>getAs("removed"));
    assertEquals(1L, (long) last.<String, Long>getJavaMap(last.fieldIndex("quarantined_by_reason"))
        .get("empty_lyrics"));
    assertTrue(last.<String>getAs("input_paths").endsWith("n2.jsonl"));
  }

  @Test
  void theSameNightTwiceChangesNothing() throws Exception {
    String out = tmp.resolve("tables").toString();
    Path night = catalog("n.jsonl", firstNight());
    LabelResult first = label(night, out, false);
    List<Row> predictions = table(first.predictionsDir()).orderBy("id").collectAsList();
    List<Row> quarantine = table(first.quarantineDir()).orderBy("fingerprint").collectAsList();
    long predictionVersions = versions(first.predictionsDir());
    long quarantineVersions = versions(first.quarantineDir());

    LabelResult again = label(night, out, false);
    assertEquals(0L, again.counts().get("labelled"));
    assertEquals(6L, again.counts().get("unchanged"));
    assertEquals(1L, again.counts().get("quarantined"));
    assertAccounted(again);
    assertEquals(predictions, table(again.predictionsDir()).orderBy("id").collectAsList(), "identical rows");
    assertEquals(quarantine, table(again.quarantineDir()).orderBy("fingerprint").collectAsList());
    assertEquals(predictionVersions, versions(again.predictionsDir()), "no commit at all");
    assertEquals(quarantineVersions, versions(again.quarantineDir()));
    assertEquals(2L, table(again.runsDir()).where("status = 'succeeded'").count());
    assertFalse(Files.exists(tmp.resolve("tables/_staging")), "no staging left behind");
  }

  @Test
  void fullRelabelsEverySongAndSoDoesAnotherModelVersion() throws Exception {
    String out = tmp.resolve("tables").toString();
    Path night = catalog("n.jsonl", firstNight());
    label(night, out, false);
    LabelResult full = label(night, out, true);
    assertEquals(6L, full.counts().get("labelled"));
    assertEquals(0L, full.counts().get("unchanged"));
    assertEquals(Set.of(full.runId()), table(full.predictionsDir()).select("run_id").collectAsList().stream()
        .map(r -> r.getString(0)).collect(Collectors.toSet()));
    assertEquals(6L, table(full.predictionsDir()).count());

    // As if a previous model had labelled two of the songs.
    io.delta.tables.DeltaTable.forPath(spark, full.predictionsDir()).update(
        org.apache.spark.sql.functions.col("id").isin("s1", "s2"),
        Map.of("model_version", org.apache.spark.sql.functions.lit("an-older-model")));
    LabelResult next = label(night, out, false);
    assertEquals(2L, next.counts().get("labelled"), "songs of another model version are relabelled");
    assertEquals(4L, next.counts().get("unchanged"));
    assertEquals(Set.of(full.modelVersion()), table(full.predictionsDir()).select("model_version")
        .collectAsList().stream().map(r -> r.getString(0)).collect(Collectors.toSet()));
  }

  @Test
  void whatAKilledRunLeavesBehindChangesNothingAndTheRerunCompletes() throws Exception {
    String out = tmp.resolve("tables").toString();
    LabelResult night1 = label(catalog("n1.jsonl", firstNight()), out, false);
    List<Row> published = table(night1.predictionsDir()).orderBy("id").collectAsList();

    // A run killed while writing: half-written data files in its staging directory and in the table's own
    // directory (written, never committed), its runs row still saying running, and no last-run state (a run
    // removes it before its row is appended).
    List<String> lines = new ArrayList<>(firstNight());
    lines.add(line("late", "artist7", SONGS[5] + ", late at night"));
    Dataset<Row> orphan = table(night1.predictionsDir()).limit(2);
    orphan.write().parquet(out + "/_staging/20261201T000000Z-dead/predictions");
    orphan.write().mode("append").parquet(out + "/predictions");
    spark.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create("20261201T000000Z-dead", "running",
        "incremental", "v", "x", null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null)),
        dev.songmood.tables.RunsTable.SCHEMA).write().format("delta").mode("append").save(out + "/runs");
    Files.delete(tmp.resolve("tables").resolve(QuietNight.FILE));

    assertEquals(published, table(night1.predictionsDir()).orderBy("id").collectAsList(),
        "readers see the last commit only");
    LabelResult rerun = label(catalog("n2.jsonl", lines), out, false);
    assertEquals(1L, rerun.counts().get("labelled"));
    assertEquals(7L, table(rerun.predictionsDir()).count());
    assertEquals(7L, table(rerun.predictionsDir()).select("id").distinct().count());
    assertFalse(Files.exists(tmp.resolve("tables/_staging")));
    assertEquals("interrupted", table(rerun.runsDir()).where("run_id = '20261201T000000Z-dead'").first()
        .getAs("status"));
  }

  @Test
  void aPlainParquetDirectoryWhereATableShouldBeStopsTheRunBeforeAnyWork() throws Exception {
    String out = tmp.resolve("old").toString();
    table(label(catalog("n.jsonl", firstNight()), tmp.resolve("t").toString(), false).predictionsDir())
        .write().parquet(out + "/predictions");
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> label(tmp.resolve("n.jsonl"), out, false));
    assertTrue(e.getMessage().contains("is not a Delta table"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("old/runs")), "nothing written");
  }
}
