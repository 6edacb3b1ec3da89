package dev.songmood.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SampleModel;
import dev.songmood.SparkTestBase;
import dev.songmood.input.InputSpec;
import dev.songmood.model.EmotionModel;
import dev.songmood.songs.GroundTruthSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class EvaluateJobTest extends SparkTestBase {
  private final String songs = projectDir().resolve("sample-data/songs.csv").toString();

  @Test
  void testSplitWithTheModelsCentreMatchesTrainsHeldOutReport() {
    var trained = SampleModel.get();
    EvaluateResult r = EvaluateJob.run(spark, new EvaluateConfig(trained.modelDir(), InputSpec.of(songs), "test",
        "model", null, tmp.resolve("eval").toString()));
    assertEquals(8, r.report().total());
    assertEquals(8L, r.counts().get("read"));
    // Same model, same rows, same centre: the same confusion matrix as train's own held-out evaluation.
    assertTrue(java.util.Arrays.deepEquals(trained.test().confusion(), r.report().confusion()));
    assertTrue(Files.exists(Path.of(r.reportDir(), "report.md")));
  }

  @Test
  void trainedModelIsCalibratedAndBothReportsShowIt() {
    var trained = SampleModel.get();
    EmotionModel model = trained.model();
    assertTrue(model.calibrator().isPresent(), "the calibration stage is saved inside the model");
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> fitted = (java.util.Map<String, Object>) model.provenance().get("calibration");
    assertEquals("temperature", fitted.get("method"));
    assertEquals(model.calibrator().get().getTemperature(), ((Number) fitted.get("temperature")).doubleValue(),
        1e-12);
    assertTrue(Files.exists(Path.of(trained.reportDir(), ReportWriter.RELIABILITY_PNG)));
    assertEquals(java.util.Set.of("uncalibrated", "calibrated"), trained.search().heldOutCalibration().keySet());
    EvaluateResult r = EvaluateJob.run(spark, new EvaluateConfig(trained.modelDir(), InputSpec.of(songs), "test",
        "model", null, tmp.resolve("eval").toString()));
    // the same model on the same held-out songs: train's ECE without and with the stage, as evaluate measures it
    trained.search().heldOutCalibration().forEach((name, m) ->
        assertEquals(m.ece(), r.calibration().get(name).ece(), 1e-9, name));
    assertTrue(Files.exists(Path.of(r.reportDir(), ReportWriter.RELIABILITY_PNG)));
  }

  @Test
  void recalibrateWritesANewVersionThatAppliesTheFittedTemperature() throws Exception {
    // 144 labelled songs: the 48 sample songs three times under new ids (recalibration needs 100).
    Path dir = tmp.resolve("sample-x3");
    spark.read().option("header", true).option("multiLine", true).option("escape", "\"").csv(songs)
        .crossJoin(spark.range(3).toDF("copy"))
        .selectExpr("concat(song_id, '-', copy) AS song_id", "artist", "title", "genre", "valence", "arousal",
            "lyrics")
        .write().parquet(dir.toString());
    var trained = SampleModel.get();
    EmotionModel before = EmotionModel.load(spark, trained.modelDir());
    String out = tmp.resolve("recal").toString();
    EvaluateResult r = EvaluateJob.run(spark, new EvaluateConfig(trained.modelDir(), InputSpec.of(dir.toString()),
        null, "model", null, out, false, true));
    assertEquals(144, r.report().total());
    EmotionModel after = EmotionModel.load(spark, out + "/" + EvaluateConfig.MODEL_DIR);
    assertEquals(before.version() + "+recal-" + r.runId(), after.version());
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> cal = (java.util.Map<String, Object>) after.provenance().get("calibration");
    assertEquals(before.version(), cal.get("recalibrated_from"));
    assertEquals(144L, ((Number) cal.get("songs")).longValue());
    assertTrue(String.valueOf(cal.get("fitted_on")).contains("sample-x3"), "fitted_on: " + cal.get("fitted_on"));
    assertEquals(((Number) cal.get("temperature")).doubleValue(), after.calibrator().get().getTemperature(), 1e-12);
    assertTrue(r.calibration().containsKey(Recalibration.RECALIBRATED));
    assertEquals(144, r.calibration().get(Recalibration.RECALIBRATED).total());
    // The saved model applies the fitted T: evaluated on the same songs, its calibrated ECE is the fit's own.
    EvaluateResult again = EvaluateJob.run(spark, new EvaluateConfig(out + "/" + EvaluateConfig.MODEL_DIR,
        InputSpec.of(dir.toString()), null, "model", null, tmp.resolve("again").toString()));
    assertEquals(((Number) cal.get("ece_after")).doubleValue(), again.calibration().get("calibrated").ece(), 1e-9);
    // Temperature never changes a quadrant.
    assertTrue(java.util.Arrays.deepEquals(r.report().confusion(), again.report().confusion()));
    assertThrows(IllegalArgumentException.class, () -> EvaluateJob.run(spark, new EvaluateConfig(trained.modelDir(),
        InputSpec.of(songs), null, "model", null, tmp.resolve("few").toString(), false, true)));
  }

  @Test
  void coverageTablesInTheProvenanceAndInBothReports() throws Exception {
    var trained = SampleModel.get();
    // the provenance's table: the calibrated validation songs, in the shape CoverageTable reads
    dev.songmood.model.CoverageTable table = dev.songmood.model.CoverageTable.of(trained.model().provenance())
        .orElseThrow();
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> fitted = (java.util.Map<String, Object>) trained.model().provenance()
        .get("calibration");
    assertEquals("validation", table.split());
    assertEquals(((Number) fitted.get("songs")).longValue(), table.songs());
    assertEquals(List.of(0.1, 0.25, 0.5, 0.75, 1.0), table.rows().stream()
        .map(dev.songmood.model.CoverageTable.Row::coverage).toList());
    for (var row : table.rows()) {
      assertTrue(row.songs() >= Math.ceil(row.coverage() * table.songs() - 1e-9), row.toString());
    }
    assertEquals(table.songs(), table.rows().get(4).songs(), "100%: every validation song");
    // train's held-out report and evaluate on the same test songs: the same table, picture and section
    var heldOut = trained.search().heldOutCoverage();
    assertEquals(8, heldOut.total());
    EvaluateResult r = EvaluateJob.run(spark, new EvaluateConfig(trained.modelDir(), InputSpec.of(songs), "test",
        "model", null, tmp.resolve("eval").toString()));
    List<Row> rows = spark.read().parquet(r.reportDir() + "/coverage").orderBy("coverage").collectAsList();
    assertEquals(5, rows.size());
    for (int i = 0; i < 5; i++) {
      var level = heldOut.levels().get(i);
      assertEquals(level.songs(), rows.get(i).<Long>getAs("songs"));
      assertEquals(level.threshold(), rows.get(i).<Double>getAs("threshold"), 1e-9);
      assertEquals(level.accuracy(), rows.get(i).<Double>getAs("accuracy"), 1e-12);
      assertEquals(level.macroF1(), rows.get(i).<Double>getAs("macro_f1"), 1e-12);
    }
    assertEquals(r.report().accuracy(), rows.get(4).<Double>getAs("accuracy"), 1e-12, "100%: the whole report");
    for (String dir : List.of(trained.reportDir(), r.reportDir())) {
      assertTrue(Files.exists(Path.of(dir, ReportWriter.COVERAGE_PNG)), dir);
      assertTrue(Files.readString(Path.of(dir, ReportWriter.MARKDOWN)).contains("## Coverage"), dir);
    }
  }

  @Test
  void readyQuadrantColumnInEveryNotation() throws Exception {
    // Lyrics of four sample songs (original texts) with labels written as an id, a name and mood words.
    List<Row> sample = spark.read().option("header", true).option("multiLine", true).option("escape", "\"")
        .csv(songs).where("song_id in ('sample001', 'sample013', 'sample025', 'sample037', 'sample002')")
        .orderBy("song_id").select("song_id", "lyrics").collectAsList();
    String[] labels = {"0", "happy", "Q2", "sad", "unknown"}; // sample001, 002, 013, 025, 037
    StringBuilder csv = new StringBuilder("id,mood,lyrics\n");
    for (int i = 0; i < sample.size(); i++) {
      csv.append(sample.get(i).getString(0)).append(',').append(labels[i]).append(",\"")
          .append(sample.get(i).getString(1).replace("\"", "\"\"")).append("\"\n");
    }
    Path file = write("moods.csv", csv.toString());
    EvaluateResult r = EvaluateJob.run(spark, new EvaluateConfig(SampleModel.get().modelDir(),
        InputSpec.of(file.toString()), null, "model", "mood", tmp.resolve("eval").toString()));
    assertEquals(4, r.report().total());
    assertEquals(new long[] {2, 1, 1, 0}[0], r.report().support(0));
    assertEquals(1, r.report().support(1));
    assertEquals(1, r.report().support(2));
    assertEquals(1L, r.counts().get("quarantined_missing_label"));
  }

  @Test
  void labelSpecParsing() {
    assertTrue(GroundTruthSpec.parse("0", null).describe().contains("(0.0, 0.0)"));
    assertTrue(GroundTruthSpec.parse("5.5,4.5", null).describe().contains("(5.5, 4.5)"));
    assertTrue(GroundTruthSpec.parse("model", null).usesModelCentre());
    assertTrue(!GroundTruthSpec.parse("median", "mood").usesCoordinates());
    assertThrows(IllegalArgumentException.class, () -> GroundTruthSpec.parse("middle", null));
    assertThrows(IllegalArgumentException.class, () -> GroundTruthSpec.parse("1,2,3", null));
    EmotionModel model = EmotionModel.load(spark, SampleModel.get().modelDir());
    assertEquals(model.labels(), GroundTruthSpec.parse("model", null).deriver(null, model.labels()));
  }
}
