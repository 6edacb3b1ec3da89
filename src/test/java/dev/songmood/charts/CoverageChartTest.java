package dev.songmood.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

/** The coverage curve's model: fixed axes, both series at their coverages, thresholds and the chance line. */
class CoverageChartTest {
  static final List<CoverageChart.Point> POINTS = List.of(
      new CoverageChart.Point(0.1, 0.69, 0.61, 0.412), new CoverageChart.Point(0.25, 0.62, 0.57, 0.371),
      new CoverageChart.Point(0.5, 0.55, 0.52, 0.339), new CoverageChart.Point(0.75, 0.50, 0.47, 0.318),
      new CoverageChart.Point(1.0, 0.46, 0.44, 0.271));

  @Test
  void axesAreFixedAndEveryPointIsDrawnWithItsThreshold() throws IOException {
    JFreeChart chart = CoverageChart.chart(POINTS, "Accuracy at coverage", "1,394 songs");
    XYPlot plot = chart.getXYPlot();
    assertEquals(0, plot.getDomainAxis().getLowerBound());
    assertEquals(100, plot.getDomainAxis().getUpperBound());
    assertEquals(0, plot.getRangeAxis().getLowerBound());
    assertEquals(1, plot.getRangeAxis().getUpperBound());
    assertEquals("50%", ((NumberAxis) plot.getDomainAxis()).getNumberFormatOverride().format(50));
    assertEquals(CoverageChart.X_LABEL, plot.getDomainAxis().getLabel());
    assertEquals(CoverageChart.Y_LABEL, plot.getRangeAxis().getLabel());
    XYDataset lines = plot.getDataset();
    assertEquals(2, lines.getSeriesCount());
    assertEquals(CoverageChart.ACCURACY, lines.getSeriesKey(0));
    assertEquals(CoverageChart.MACRO_F1, lines.getSeriesKey(1));
    assertEquals(5, lines.getItemCount(0));
    assertEquals(25.0, lines.getXValue(0, 1), 1e-12);
    assertEquals(0.62, lines.getYValue(0, 1), 1e-12);
    assertEquals(0.44, lines.getYValue(1, 4), 1e-12);
    ValueMarker chance = (ValueMarker) plot.getRangeMarkers(Layer.BACKGROUND).iterator().next();
    assertEquals(0.25, chance.getValue());
    assertEquals(CoverageChart.CHANCE_LABEL, chance.getLabel());
    List<String> texts = plot.getAnnotations().stream().map(a -> ((XYTextAnnotation) a).getText()).toList();
    assertEquals(List.of("conf >= 0.412", "conf >= 0.371", "conf >= 0.339", "conf >= 0.318", "conf >= 0.271"),
        texts);
    assertEquals("Accuracy at coverage", chart.getTitle().getText());

    byte[] png = CoverageChart.png(POINTS, "Accuracy at coverage", "1,394 songs");
    String out = System.getProperty("songmood.charts.out");
    if (out != null) {
      Files.write(Files.createDirectories(Path.of(out)).resolve("coverage.png"), png);
    }
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(CoverageChart.WIDTH, img.getWidth());
    assertEquals(CoverageChart.HEIGHT, img.getHeight());
    assertTrue(png.length > 1000);
  }

  @Test
  void rejectsBadPoints() {
    assertThrows(IllegalArgumentException.class, () -> CoverageChart.chart(List.of(), null, null));
    assertThrows(IllegalArgumentException.class, () -> CoverageChart.chart(List.of(
        new CoverageChart.Point(0, 0.5, 0.5, 0.3)), null, null));
    assertThrows(IllegalArgumentException.class, () -> CoverageChart.chart(List.of(
        new CoverageChart.Point(0.5, 1.5, 0.5, 0.3)), null, null));
  }
}
