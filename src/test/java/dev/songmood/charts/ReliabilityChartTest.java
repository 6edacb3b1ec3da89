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
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.IntervalXYDataset;
import org.junit.jupiter.api.Test;

/** The reliability diagram's model: axes 0..1 with their labels, the diagonal, one bar per bin and series. */
class ReliabilityChartTest {
  static final ReliabilityChart.Series BEFORE = new ReliabilityChart.Series("uncalibrated",
      new long[] {0, 0, 120, 340, 410, 260, 130, 60, 25, 9},
      new double[] {0, 0, 0.31, 0.42, 0.52, 0.61, 0.70, 0.78, 0.88, 1.0});
  static final ReliabilityChart.Series AFTER = new ReliabilityChart.Series("calibrated",
      new long[] {0, 0, 30, 220, 380, 330, 220, 110, 50, 14},
      new double[] {0, 0, 0.24, 0.36, 0.46, 0.56, 0.66, 0.76, 0.86, 0.93});

  @Test
  void axesRunFromZeroToOneWithTheDiagonalAndBothSeries() throws IOException {
    JFreeChart chart = ReliabilityChart.chart(List.of(BEFORE, AFTER), "Reliability", "ECE 0.13 -> 0.02");
    XYPlot plot = chart.getXYPlot();
    assertEquals(0, plot.getDomainAxis().getLowerBound());
    assertEquals(1, plot.getDomainAxis().getUpperBound());
    assertEquals(0, plot.getRangeAxis().getLowerBound());
    assertEquals(1, plot.getRangeAxis().getUpperBound());
    assertEquals(ReliabilityChart.X_LABEL, plot.getDomainAxis().getLabel());
    assertEquals(ReliabilityChart.Y_LABEL, plot.getRangeAxis().getLabel());
    assertEquals(ReliabilityChart.DIAGONAL, plot.getDataset(0).getSeriesKey(0));
    assertEquals(1.0, plot.getDataset(0).getYValue(0, 1));
    IntervalXYDataset bars = (IntervalXYDataset) plot.getDataset(1);
    assertEquals(2, bars.getSeriesCount());
    assertEquals("calibrated", bars.getSeriesKey(1));
    assertEquals(10, bars.getItemCount(0));
    for (int s = 0; s < 2; s++) {
      for (int b = 0; b < 10; b++) {  // each bar inside its own bin, before on the left
        assertTrue(bars.getStartXValue(s, b) >= b / 10.0 && bars.getEndXValue(s, b) <= (b + 1) / 10.0);
      }
    }
    assertEquals(0.52, bars.getYValue(0, 4), 1e-12);
    assertEquals(0.0, bars.getYValue(1, 0), 1e-12);
    List<String> texts = plot.getAnnotations().stream().map(a -> ((XYTextAnnotation) a).getText()).toList();
    assertEquals(20, texts.size());
    assertEquals(4, texts.stream().filter(ReliabilityChart.EMPTY::equals).count(), "two empty bins per series");
    assertTrue(texts.containsAll(List.of("120", "410", "9", "380")), texts.toString());

    byte[] png = ReliabilityChart.png(List.of(BEFORE, AFTER), "Reliability", "ECE 0.13 -> 0.02");
    String out = System.getProperty("songmood.charts.out");
    if (out != null) {
      Files.write(Files.createDirectories(Path.of(out)).resolve("reliability.png"), png);
    }
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(ReliabilityChart.WIDTH, img.getWidth());
    assertEquals(ReliabilityChart.HEIGHT, img.getHeight());
  }

  @Test
  void rejectsBadSeries() {
    assertThrows(IllegalArgumentException.class, () -> ReliabilityChart.chart(List.of(), null, null));
    assertThrows(IllegalArgumentException.class, () -> ReliabilityChart.chart(List.of(BEFORE,
        new ReliabilityChart.Series("short", new long[3], new double[3])), null, null));
    assertThrows(IllegalArgumentException.class, () -> ReliabilityChart.chart(List.of(
        new ReliabilityChart.Series("bad", new long[] {1}, new double[] {1.5})), null, null));
  }
}
