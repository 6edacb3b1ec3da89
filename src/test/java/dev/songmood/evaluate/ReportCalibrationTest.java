package dev.songmood.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import dev.songmood.metrics.CalibrationMetrics;
import dev.songmood.metrics.ClassificationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** A report with calibration series: ECE lines in report.md, the calibration table and the reliability PNG. */
class ReportCalibrationTest extends SparkTestBase {
  @Test
  void reportHasEceLinesTableAndReliabilityDiagram() throws Exception {
    // four songs: confidence 0.9 twice (one right), 0.5 twice (both right) -> before ECE 0.5*0.4 + 0.5*0.5 = 0.45
    double[][] p = {{0.9, 0.1, 0, 0}, {0.9, 0.1, 0, 0}, {0.5, 0.5, 0, 0}, {0.2, 0.5, 0.3, 0}};
    int[] y = {0, 1, 0, 1};
    Map<String, CalibrationMetrics.Result> calibration = new LinkedHashMap<>();
    calibration.put(CalibrationMetrics.UNCALIBRATED, CalibrationMetrics.of(p, y));
    calibration.put(CalibrationMetrics.CALIBRATED, CalibrationMetrics.of(new double[][] {{0.7, 0.3, 0, 0},
        {0.7, 0.3, 0, 0}, {0.6, 0.4, 0, 0}, {0.2, 0.6, 0.2, 0}}, y));
    assertEquals(0.45, calibration.get(CalibrationMetrics.UNCALIBRATED).ece(), 1e-12);
    ClassificationReport model = ClassificationReport.of(new long[][] {{2, 0, 0, 0}, {1, 1, 0, 0}, {0, 0, 0, 0},
        {0, 0, 0, 0}});
    String dir = tmp.resolve("report").toString();
    new ReportWriter(spark).write(new Report("Calibrated", Map.of("model_version", "v1"), model, Map.of(),
        List.of(), calibration), dir, "run1");

    Path png = Path.of(dir, ReportWriter.RELIABILITY_PNG);
    assertTrue(Files.exists(png));
    assertEquals(480, ImageIO.read(png.toFile()).getHeight());
    String md = Files.readString(Path.of(dir, ReportWriter.MARKDOWN));
    assertTrue(md.contains("## Calibration"), md);
    assertTrue(md.contains("| uncalibrated | 4 | 0.4500 |"), md);
    assertTrue(md.contains("| calibrated | 4 |"), md);
    assertTrue(md.contains("![reliability diagram](" + ReportWriter.RELIABILITY_PNG + ")"), md);
    assertEquals(20, spark.read().parquet(dir + "/calibration").count());
    assertEquals(2, spark.read().parquet(dir + "/calibration").where("songs > 0 and series = 'uncalibrated'")
        .count());
  }

  @Test
  void reportWithoutProbabilitiesHasNoDiagram() throws Exception {
    ClassificationReport model = ClassificationReport.of(new long[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0},
        {0, 0, 0, 1}});
    String dir = tmp.resolve("plain").toString();
    new ReportWriter(spark).write(new Report("Plain", Map.of(), model, Map.of(), List.of()), dir, "run2");
    assertTrue(!Files.exists(Path.of(dir, ReportWriter.RELIABILITY_PNG)));
    assertTrue(!Files.readString(Path.of(dir, ReportWriter.MARKDOWN)).contains("## Calibration"));
    assertEquals(0, spark.read().parquet(dir + "/calibration").count());
  }
}
