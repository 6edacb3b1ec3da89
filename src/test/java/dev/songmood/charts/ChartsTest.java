package dev.songmood.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYZDataset;
import org.junit.jupiter.api.Test;

/**
 * Builds each chart, checks what it says (cells, labels, texts, markers: the chart's own model) and that the PNG
 * decodes at its size with the expected colours. When the system property {@code songmood.charts.out} names a
 * folder, the sample charts are also written there for a look.
 */
class ChartsTest {

  private static final List<String> QUADRANTS = List.of("Q1", "Q2", "Q3", "Q4");
  private static final long[][] CONFUSION = {{9, 1, 0, 0}, {0, 5, 5, 0}, {0, 0, 10, 0}, {1, 1, 1, 7}};

  @Test
  void confusionMatrixShowsCountsAndRowPercentagesShadedByRowShare() throws IOException {
    JFreeChart chart = ConfusionMatrixChart.chart(CONFUSION, QUADRANTS, "Quadrant confusion (test split)");
    List<String> texts = texts(chart.getXYPlot());
    // each cell: its count and its share of the row
    assertTrue(texts.containsAll(List.of("9", "90.0%", "1", "10.0%", "5", "50.0%", "10", "100.0%", "7", "70.0%")),
        texts.toString());
    assertEquals(32, texts.size());
    XYZDataset cells = (XYZDataset) chart.getXYPlot().getDataset();
    assertEquals(0.9, cells.getZValue(0, 0), 1e-12);   // (Q1, Q1)
    assertEquals(0.5, cells.getZValue(0, 5), 1e-12);   // (Q2, Q2)
    assertEquals(0.0, cells.getZValue(0, 3), 1e-12);   // (Q1, Q4)
    assertTrue(subtitles(chart).contains("accuracy 77.5%"), subtitles(chart));
    // the 100% cell is dark blue and carries white text; a 0% cell is white with dark text
    assertTrue(ConfusionMatrixChart.SCALE.colour(1).getBlue() > 100);
    assertEquals(Color.WHITE, ConfusionMatrixChart.SCALE.colour(0));
    assertEquals(Color.WHITE, inkOf(chart, "100.0%"));
    assertEquals(ChartLook.TEXT, inkOf(chart, "0.0%"));

    byte[] png = ConfusionMatrixChart.png(CONFUSION, QUADRANTS, "Quadrant confusion (test split)");
    save("confusion-matrix.png", png);
    BufferedImage img = decode(png);
    assertEquals(ConfusionMatrixChart.WIDTH, img.getWidth());
    assertEquals(ConfusionMatrixChart.HEIGHT, img.getHeight());
    assertTrue(count(img, c -> c.getBlue() > 90 && c.getRed() < 30) > 2_000, "no dark-blue cells drawn");
  }

  @Test
  void zeroCountMatrixSaysNoExamplesAndLongLabelsRender() throws IOException {
    JFreeChart chart = ConfusionMatrixChart.chart(new long[4][4], QUADRANTS, "empty");
    assertTrue(subtitles(chart).contains("no examples"));
    assertTrue(texts(chart.getXYPlot()).contains("n/a"));
    long[][] big = {{2_000_000_000L, 1}, {0, 3}};
    BufferedImage img = decode(ConfusionMatrixChart.png(big, List.of("a very long class name indeed", "b"), null));
    assertEquals(ConfusionMatrixChart.HEIGHT, img.getHeight());
    assertTrue(texts(ConfusionMatrixChart.chart(big, List.of("x", "y"), null).getXYPlot()).contains("2,000,000,000"));
  }

  @Test
  void confusionMatrixRejectsBadShapes() {
    assertThrows(IllegalArgumentException.class,
        () -> ConfusionMatrixChart.png(new long[][] {{1, 2, 3}, {4, 5, 6}}, List.of("a", "b"), "t"));
    assertThrows(IllegalArgumentException.class,
        () -> ConfusionMatrixChart.png(new long[][] {{1, 2}, {3}}, List.of("a", "b"), "t"));
    assertThrows(IllegalArgumentException.class, () -> ConfusionMatrixChart.png(CONFUSION, List.of("Q1"), "t"));
    assertThrows(IllegalArgumentException.class, () -> ConfusionMatrixChart.png(new long[0][], List.of(), "t"));
    assertThrows(IllegalArgumentException.class,
        () -> ConfusionMatrixChart.png(new long[][] {{1, -1}, {0, 1}}, List.of("a", "b"), "t"));
    assertThrows(IllegalArgumentException.class, () -> ConfusionMatrixChart.png(null, QUADRANTS, "t"));
  }

  @Test
  void balanceLabelsEachBarWithCountAndShareAndDrawsTheSecondSeriesBeside() throws IOException {
    long[] actual = {30, 10, 0, 60};
    long[] predicted = {0, 20, 50, 30};
    JFreeChart chart = ClassBalanceChart.chart(actual, "actual", predicted, "predicted", QUADRANTS, "t");
    CategoryPlot plot = chart.getCategoryPlot();
    assertEquals(30, plot.getDataset().getValue("actual", "Q1").intValue());
    assertEquals(50, plot.getDataset().getValue("predicted", "Q3").intValue());
    assertEquals("30 (30.0%)", plot.getRenderer().getItemLabelGenerator(0, 0).generateLabel(plot.getDataset(), 0, 0));
    assertEquals("50 (50.0%)", plot.getRenderer().getItemLabelGenerator(1, 2).generateLabel(plot.getDataset(), 1, 2));
    assertTrue(chart.getLegend() != null, "two series need a legend");
    byte[] png = ClassBalanceChart.png(actual, "actual", predicted, "predicted", QUADRANTS, "Actual vs predicted");
    save("class-balance.png", png);
    BufferedImage img = decode(png);
    assertEquals(ClassBalanceChart.WIDTH, img.getWidth());
    assertEquals(ClassBalanceChart.HEIGHT, img.getHeight());
    assertTrue(count(img, ClassBalanceChart.FIRST_COLOR::equals) > 500);
    assertTrue(count(img, ClassBalanceChart.SECOND_COLOR::equals) > 500);

    JFreeChart single = ClassBalanceChart.chart(actual, "songs", null, null, QUADRANTS, "t");
    assertTrue(single.getLegend() == null);
    assertEquals(0, count(decode(ClassBalanceChart.png(actual, "songs", null, null, QUADRANTS, "t")),
        ClassBalanceChart.SECOND_COLOR::equals), "single series drew a second colour");
    decode(ClassBalanceChart.png(new long[4], "actual", new long[4], "predicted", QUADRANTS, "zeros"));
  }

  @Test
  void balanceRejectsMismatchedInput() {
    assertThrows(IllegalArgumentException.class,
        () -> ClassBalanceChart.png(new long[] {1, 2, 3}, "a", null, null, QUADRANTS, "t"));
    assertThrows(IllegalArgumentException.class,
        () -> ClassBalanceChart.png(new long[] {1, 2, 3, 4}, "a", new long[] {1, 2}, "b", QUADRANTS, "t"));
    assertThrows(IllegalArgumentException.class,
        () -> ClassBalanceChart.png(new long[] {1, -2, 3, 4}, "a", null, null, QUADRANTS, "t"));
    assertThrows(IllegalArgumentException.class, () -> ClassBalanceChart.png(null, "a", null, null, QUADRANTS, "t"));
    assertThrows(IllegalArgumentException.class,
        () -> ClassBalanceChart.png(new long[0], "a", null, null, List.of(), "t"));
  }

  @Test
  void scatterHasCentreLinesQuadrantNamesWithMoodWordsAndColoursById() throws IOException {
    Random rnd = new Random(3);
    int n = 400;
    double[] v = new double[n];
    double[] a = new double[n];
    int[] q = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = rnd.nextDouble();
      a[i] = rnd.nextDouble();
      q[i] = dev.songmood.Quadrant.of(v[i], a[i], 0.5, 0.5).id();
    }
    JFreeChart chart = ValenceArousalChart.chart(v, a, q, 0.5, 0.4, "plane", 10_000);
    XYPlot plot = chart.getXYPlot();
    assertEquals(0.5, ((ValueMarker) plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND).iterator().next())
        .getValue(), 0);
    assertEquals(0.4, ((ValueMarker) plot.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND).iterator().next())
        .getValue(), 0);
    List<String> texts = texts(plot);
    assertTrue(texts.containsAll(List.of("Q1 happy", "Q2 angry", "Q3 sad", "Q4 relaxed", "joy, power, surprise",
        "tenderness, peace, transcendence")), texts.toString());
    int seen = 0;
    for (int s = 0; s < 4; s++) {
      for (int i = 0; i < plot.getDataset().getItemCount(s); i++) {
        double x = plot.getDataset().getXValue(s, i);
        double y = plot.getDataset().getYValue(s, i);
        assertEquals(s, dev.songmood.Quadrant.of(x, y, 0.5, 0.5).id(), "point in the wrong series");
        seen++;
      }
    }
    assertEquals(n, seen);
    assertTrue(plot.getDataset().getSeriesKey(0).toString().startsWith("Q1 happy ("));
    byte[] png = ValenceArousalChart.png(v, a, q, 0.5, 0.5, "Songs on the valence / arousal plane", 2_000);
    save("valence-arousal.png", png);
    BufferedImage img = decode(png);
    assertEquals(ValenceArousalChart.WIDTH, img.getWidth());
    assertEquals(ValenceArousalChart.HEIGHT, img.getHeight());

    // only Q2 songs: red points, no green ones
    int[] allQ2 = new int[n];
    java.util.Arrays.fill(allQ2, 1);
    BufferedImage red = decode(ValenceArousalChart.png(v, a, allQ2, 0.5, 0.5, "Q2 only", 10_000));
    assertTrue(count(red, c -> c.getRed() > 200 && c.getGreen() < 140 && c.getBlue() < 140) > 200);
    BufferedImage aboveLegend = red.getSubimage(0, 0, red.getWidth(), red.getHeight() - 40);
    assertEquals(0, count(aboveLegend, c -> c.getGreen() > c.getRed() + 40 && c.getGreen() > c.getBlue() + 40));
  }

  @Test
  void scatterOfAMillionSongsIsSubsampledAndFast() {
    int n = 1_000_000;
    double[] v = new double[n];
    double[] a = new double[n];
    int[] q = new int[n];
    Random rnd = new Random(1);
    for (int i = 0; i < n; i++) {
      v[i] = rnd.nextGaussian();
      a[i] = rnd.nextGaussian();
      q[i] = rnd.nextInt(4);
    }
    JFreeChart chart = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> ValenceArousalChart.chart(v, a, q, 0, 0, "a million songs", 10_000));
    int drawn = 0;
    for (int s = 0; s < 4; s++) {
      drawn += chart.getXYPlot().getDataset().getItemCount(s);
    }
    assertEquals(10_000, drawn);
    assertTrue(subtitles(chart).contains("every 100th drawn (10,000)"), subtitles(chart));
    assertEquals(ValenceArousalChart.WIDTH, assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> decode(ValenceArousalChart.png(v, a, q, 0, 0, "a million songs", 10_000))).getWidth());
  }

  @Test
  void strideAndAxisRange() {
    assertEquals(1, ValenceArousalChart.stride(0, 10));
    assertEquals(1, ValenceArousalChart.stride(10, 10));
    assertEquals(2, ValenceArousalChart.stride(11, 10));
    assertEquals(3, ValenceArousalChart.stride(1_000_000, 400_000));
    assertArrayEquals(new double[] {-0.05, 1.05}, ValenceArousalChart.axisRange(new double[] {0, 0.3, 1}, 0.5),
        1e-12);
    assertArrayEquals(new double[] {-0.1, 2.1}, ValenceArousalChart.axisRange(new double[] {1, 2}, 0), 1e-12);
    double[] eq = ValenceArousalChart.axisRange(new double[] {0.5, 0.5, 0.5}, 0.5);
    assertTrue(eq[0] < 0.5 && eq[1] > 0.5);
    assertArrayEquals(new double[] {-0.05, 1.05},
        ValenceArousalChart.axisRange(new double[] {0, Double.NaN, 1, Double.POSITIVE_INFINITY}, 0.5), 1e-12);
  }

  @Test
  void scatterRendersDegenerateInputAndRejectsBadInput() throws IOException {
    assertEquals(ValenceArousalChart.WIDTH, decode(ValenceArousalChart.png(new double[0], new double[0], new int[0],
        0, 0, null, 1)).getWidth());
    JFreeChart nan = ValenceArousalChart.chart(new double[] {Double.NaN, 0.2}, new double[] {0.1, 0.9},
        new int[] {0, 1}, 0.5, 0.5, "nan", 10);
    assertTrue(subtitles(nan).contains("1 without finite coordinates"), subtitles(nan));
    assertThrows(IllegalArgumentException.class,
        () -> ValenceArousalChart.png(new double[2], new double[3], new int[2], 0, 0, "t", 10));
    assertThrows(IllegalArgumentException.class,
        () -> ValenceArousalChart.png(new double[2], new double[2], new int[] {0, 4}, 0, 0, "t", 10));
    assertThrows(IllegalArgumentException.class,
        () -> ValenceArousalChart.png(new double[1], new double[1], new int[1], 0, 0, "t", 0));
    assertThrows(IllegalArgumentException.class,
        () -> ValenceArousalChart.png(new double[1], new double[1], new int[1], Double.NaN, 0, "t", 10));
    assertThrows(IllegalArgumentException.class,
        () -> ValenceArousalChart.png(null, new double[1], new int[1], 0, 0, "t", 10));
  }

  @Test
  void histogramDrawsItsBinsAndTheMarkedValue() throws IOException {
    double[] edges = {0, 100, 200, 300};
    long[] counts = {5, 12, 3};
    JFreeChart chart = HistogramChart.chart(edges, counts, "tokens", "Lyrics length", "n = 20", 256, "chunk budget");
    XYPlot plot = chart.getXYPlot();
    assertEquals(3, plot.getDataset().getItemCount(0));
    assertEquals(12, plot.getDataset().getYValue(0, 1), 0);
    ValueMarker m = (ValueMarker) plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND).iterator().next();
    assertEquals(256, m.getValue(), 0);
    assertEquals("chunk budget", m.getLabel());
    byte[] png = HistogramChart.png(edges, counts, "tokens", "Lyrics length", "n = 20", 256, "chunk budget");
    save("histogram.png", png);
    BufferedImage img = decode(png);
    assertEquals(HistogramChart.WIDTH, img.getWidth());
    assertTrue(count(img, HistogramChart.BAR_COLOR::equals) > 1_000);
    assertThrows(IllegalArgumentException.class,
        () -> HistogramChart.png(new double[] {0, 1}, new long[] {1, 2}, "x", "t", null, Double.NaN, null));
  }

  private static List<String> texts(XYPlot plot) {
    return plot.getAnnotations().stream().filter(XYTextAnnotation.class::isInstance)
        .map(a -> ((XYTextAnnotation) a).getText()).collect(Collectors.toList());
  }

  private static java.awt.Paint inkOf(JFreeChart chart, String text) {
    return chart.getXYPlot().getAnnotations().stream().filter(XYTextAnnotation.class::isInstance)
        .map(XYTextAnnotation.class::cast).filter(a -> a.getText().equals(text)).findFirst().orElseThrow()
        .getPaint();
  }

  private static String subtitles(JFreeChart chart) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < chart.getSubtitleCount(); i++) {
      if (chart.getSubtitle(i) instanceof TextTitle t) {
        s.append(t.getText()).append('\n');
      }
    }
    return s.toString();
  }

  private static BufferedImage decode(byte[] png) throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    if (img == null) {
      throw new IOException("not a PNG");
    }
    return img;
  }

  private static long count(BufferedImage img, Predicate<Color> p) {
    long n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if (p.test(new Color(img.getRGB(x, y)))) {
          n++;
        }
      }
    }
    return n;
  }

  private static void save(String name, byte[] png) throws IOException {
    String dir = System.getProperty("songmood.charts.out");
    if (dir != null && !dir.isBlank()) {
      Files.createDirectories(Path.of(dir));
      Files.write(Path.of(dir, name), png);
    }
  }
}
