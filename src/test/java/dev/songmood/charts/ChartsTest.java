package dev.songmood.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Renders each chart, decodes the PNG and checks pixels at the places the layout constants say things are. When the
 * system property {@code songmood.charts.out} names a folder, the sample charts are also written there for a look.
 */
class ChartsTest {

  private static final List<String> QUADRANTS = List.of("Q1", "Q2", "Q3", "Q4");
  private static final long[][] CONFUSION = {{9, 1, 0, 0}, {0, 5, 5, 0}, {0, 0, 10, 0}, {1, 1, 1, 7}};

  // ---- confusion matrix -------------------------------------------------------------------------------------

  @Test
  void confusionMatrixHasItsSizeAndShadesCellsByRowShare() throws IOException {
    byte[] png = ConfusionMatrixChart.png(CONFUSION, QUADRANTS, "Quadrant confusion (test split)");
    save("confusion-matrix.png", png);
    BufferedImage img = decode(png);
    assertEquals(ConfusionMatrixChart.WIDTH, img.getWidth());
    assertEquals(ConfusionMatrixChart.HEIGHT, img.getHeight());

    double q1q1 = luminance(cellSample(img, 0, 0)); // 90%
    double q1q4 = luminance(cellSample(img, 0, 3)); // 0%
    double q2q2 = luminance(cellSample(img, 1, 1)); // 50%
    double q3q3 = luminance(cellSample(img, 2, 2)); // 100%
    double q4q1 = luminance(cellSample(img, 3, 0)); // 10%
    assertTrue(q1q1 < q1q4 - 0.5, "90% cell must be much darker than 0% cell: " + q1q1 + " vs " + q1q4);
    assertTrue(q1q4 > 0.97, "0% cell must be (near) white, luminance " + q1q4);
    assertTrue(q3q3 < q1q1 && q1q1 < q2q2 && q2q2 < q4q1 && q4q1 < q1q4,
        "darkness must follow the row share 100% > 90% > 50% > 10% > 0%");
    assertTrue(q3q3 < 0.2, "100% cell must be dark blue, luminance " + q3q3);
    Color full = cellSample(img, 2, 2);
    assertTrue(full.getBlue() > full.getRed() + 40, "100% cell must be blue: " + full);
  }

  @Test
  void confusionMatrixTextIsWhiteOnDarkCellsAndBlackOnLightOnes() throws IOException {
    BufferedImage img = decode(ConfusionMatrixChart.png(CONFUSION, QUADRANTS, "contrast"));
    // the 100% cell (Q3, Q3): dark background, so its count must show up as near-white pixels
    assertTrue(countInCell(img, 2, 2, c -> luminance(c) > 0.9) > 20, "no white text in the dark cell");
    assertEquals(0, countInCell(img, 2, 2, c -> luminance(c) < 0.05), "black text on a dark cell");
    // the 0% cell (Q1, Q4): white background, so "0" must show up as dark pixels
    assertTrue(countInCell(img, 0, 3, c -> luminance(c) < 0.35) > 10, "no dark text in the white cell");
  }

  @Test
  void zeroCountMatrixRendersWithWhiteCells() throws IOException {
    long[][] zeros = new long[4][4];
    BufferedImage img = decode(ConfusionMatrixChart.png(zeros, QUADRANTS, "empty"));
    assertEquals(ConfusionMatrixChart.WIDTH, img.getWidth());
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 4; c++) {
        assertTrue(luminance(cellSample(img, r, c)) > 0.97, "cell " + r + "," + c + " not white");
      }
    }
  }

  @Test
  void confusionMatrixRejectsBadShapes() {
    IllegalArgumentException nonSquare = assertThrows(IllegalArgumentException.class,
        () -> ConfusionMatrixChart.png(new long[][] {{1, 2, 3}, {4, 5, 6}}, List.of("a", "b"), "t"));
    assertTrue(nonSquare.getMessage().contains("square"), nonSquare.getMessage());
    IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
        () -> ConfusionMatrixChart.png(new long[][] {{1, 2}, {3}}, List.of("a", "b"), "t"));
    assertTrue(ragged.getMessage().contains("square"), ragged.getMessage());
    IllegalArgumentException labels = assertThrows(IllegalArgumentException.class,
        () -> ConfusionMatrixChart.png(CONFUSION, List.of("Q1", "Q2", "Q3"), "t"));
    assertTrue(labels.getMessage().contains("labels"), labels.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ConfusionMatrixChart.png(new long[0][], List.of(), "t"));
    assertThrows(IllegalArgumentException.class,
        () -> ConfusionMatrixChart.png(new long[][] {{1, -1}, {0, 1}}, List.of("a", "b"), "t"));
    assertThrows(IllegalArgumentException.class, () -> ConfusionMatrixChart.png(null, QUADRANTS, "t"));
  }

  @Test
  void confusionMatrixCopesWithLongLabelsHugeCountsAndNoTitle() throws IOException {
    long[][] big = {{4_000_000_000L, 1}, {0, 3}};
    BufferedImage img = decode(ConfusionMatrixChart.png(big,
        List.of("a very long class name that cannot fit", "b"), null));
    assertEquals(ConfusionMatrixChart.HEIGHT, img.getHeight());
    assertTrue(luminance(cellSample(img, 0, 0)) < 0.2);
  }

  // ---- class balance ----------------------------------------------------------------------------------------

  @Test
  void balanceBarsGrowWithTheirCount() throws IOException {
    long[] counts = {120, 480, 60, 300};
    BufferedImage img = decode(ClassBalanceChart.png(counts, "actual", null, null, QUADRANTS, "Songs per quadrant"));
    assertEquals(ClassBalanceChart.WIDTH, img.getWidth());
    assertEquals(ClassBalanceChart.HEIGHT, img.getHeight());
    long[] px = new long[4];
    for (int i = 0; i < 4; i++) {
      px[i] = countInSlot(img, i, 4, ClassBalanceChart.FIRST_COLOR);
    }
    assertTrue(px[1] > px[3] && px[3] > px[0] && px[0] > px[2], "bar areas out of order: "
        + java.util.Arrays.toString(px));
    double ratio = (double) px[1] / px[2];
    assertTrue(ratio > 6.5 && ratio < 9.5, "480 vs 60 should give about 8x the bar area, got " + ratio);
    assertEquals(0, countEverywhere(img, ClassBalanceChart.SECOND_COLOR), "single series drew a second colour");
  }

  @Test
  void balanceSecondSeriesIsDrawnBesideTheFirstWithALegend() throws IOException {
    long[] actual = {100, 0, 0, 50};
    long[] predicted = {0, 0, 80, 50};
    byte[] png = ClassBalanceChart.png(actual, "actual", predicted, "predicted", QUADRANTS, "Actual vs predicted");
    BufferedImage img = decode(png);
    assertTrue(countInSlot(img, 0, 4, ClassBalanceChart.FIRST_COLOR) > 500);
    assertEquals(0, countInSlot(img, 0, 4, ClassBalanceChart.SECOND_COLOR));
    assertEquals(0, countInSlot(img, 2, 4, ClassBalanceChart.FIRST_COLOR));
    assertTrue(countInSlot(img, 2, 4, ClassBalanceChart.SECOND_COLOR) > 500);
    long a3 = countInSlot(img, 3, 4, ClassBalanceChart.FIRST_COLOR);
    long p3 = countInSlot(img, 3, 4, ClassBalanceChart.SECOND_COLOR);
    assertTrue(a3 > 300 && Math.abs(a3 - p3) < a3 / 10, "equal counts need equal bars: " + a3 + " vs " + p3);
    // legend swatches sit above the plot area
    assertTrue(countInRect(img, 0, 0, img.getWidth(), ClassBalanceChart.PLOT_TOP,
        ClassBalanceChart.SECOND_COLOR) > 50, "no legend swatch for the second series");
  }

  @Test
  void balanceWithAllZeroCountsRenders() throws IOException {
    BufferedImage img = decode(ClassBalanceChart.png(new long[4], "actual", new long[4], "predicted", QUADRANTS,
        "nothing yet"));
    assertEquals(ClassBalanceChart.WIDTH, img.getWidth());
    assertEquals(0, countInSlot(img, 0, 4, ClassBalanceChart.FIRST_COLOR));
  }

  @Test
  void balanceSampleWithTwoSeries() throws IOException {
    long[] actual = {31_250, 18_400, 22_900, 27_450};
    long[] predicted = {35_020, 15_310, 24_880, 24_790};
    List<String> labels = List.of("Q1 happy", "Q2 angry", "Q3 sad", "Q4 relaxed");
    byte[] png = ClassBalanceChart.png(actual, "actual", predicted, "predicted", labels, "Songs per quadrant");
    save("class-balance.png", png);
    assertNotNull(decode(png));
  }

  @Test
  void balanceRejectsMismatchedInput() {
    IllegalArgumentException labels = assertThrows(IllegalArgumentException.class,
        () -> ClassBalanceChart.png(new long[] {1, 2, 3}, "a", null, null, QUADRANTS, "t"));
    assertTrue(labels.getMessage().contains("labels"), labels.getMessage());
    IllegalArgumentException second = assertThrows(IllegalArgumentException.class,
        () -> ClassBalanceChart.png(new long[] {1, 2, 3, 4}, "a", new long[] {1, 2}, "b", QUADRANTS, "t"));
    assertTrue(second.getMessage().contains("second"), second.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> ClassBalanceChart.png(new long[] {1, -2, 3, 4}, "a", null, null, QUADRANTS, "t"));
    assertThrows(IllegalArgumentException.class,
        () -> ClassBalanceChart.png(null, "a", null, null, QUADRANTS, "t"));
    assertThrows(IllegalArgumentException.class,
        () -> ClassBalanceChart.png(new long[0], "a", null, null, List.of(), "t"));
  }

  // ---- valence / arousal scatter ----------------------------------------------------------------------------

  @Test
  void scatterWithOnlyQ2PointsIsRedAndNeverGreen() throws IOException {
    Random rnd = new Random(7);
    int n = 400;
    double[] v = new double[n];
    double[] a = new double[n];
    int[] q = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = 0.05 + 0.4 * rnd.nextDouble();
      a[i] = 0.55 + 0.4 * rnd.nextDouble();
      q[i] = 1;
    }
    BufferedImage img = decode(ValenceArousalChart.png(v, a, q, 0.5, 0.5, "Q2 only", 10_000));
    assertEquals(ValenceArousalChart.WIDTH, img.getWidth());
    assertEquals(ValenceArousalChart.HEIGHT, img.getHeight());

    int left = ValenceArousalChart.PLOT_LEFT;
    int top = ValenceArousalChart.PLOT_TOP;
    int w = ValenceArousalChart.PLOT_WIDTH;
    int h = ValenceArousalChart.PLOT_HEIGHT;
    assertTrue(countInRect(img, left, top, w, h, ChartsTest::redDominant) > 500, "no red points");
    assertEquals(0, countInRect(img, left, top, w, h, ChartsTest::greenDominant), "green pixels in the plot");
    assertEquals(0, countInRect(img, left, top, w, h, ChartsTest::blueDominant), "blue pixels in the plot");

    // and the red is where Q2 is: left of and above the centre cross
    double cx = ValenceArousalChart.px(0.5, ValenceArousalChart.axisRange(v, 0.5));
    double cy = ValenceArousalChart.py(0.5, ValenceArousalChart.axisRange(a, 0.5));
    long misplaced = countInRect(img, (int) cx + 2, top, left + w - (int) cx - 2, h, ChartsTest::redDominant)
        + countInRect(img, left, (int) cy + 2, w, top + h - (int) cy - 2, ChartsTest::redDominant);
    assertEquals(0, misplaced, "red pixels outside the top-left quadrant");
  }

  @Test
  void scatterColoursByQuadrantIdNotByPosition() throws IOException {
    // every point sits in the top-right, but carries the id of Q4: it must be drawn green
    double[] v = {0.8, 0.9, 0.85, 0.7};
    double[] a = {0.8, 0.7, 0.9, 0.75};
    int[] q = {3, 3, 3, 3};
    BufferedImage img = decode(ValenceArousalChart.png(v, a, q, 0.5, 0.5, "ids", 100));
    int left = ValenceArousalChart.PLOT_LEFT;
    int top = ValenceArousalChart.PLOT_TOP;
    int w = ValenceArousalChart.PLOT_WIDTH;
    int h = ValenceArousalChart.PLOT_HEIGHT;
    assertTrue(countInRect(img, left, top, w, h, ChartsTest::greenDominant) > 20);
    assertEquals(0, countInRect(img, left, top, w, h, ChartsTest::redDominant));
  }

  @Test
  void scatterSampleWithAllQuadrants() throws IOException {
    Random rnd = new Random(42);
    int n = 3_000;
    double[] v = new double[n];
    double[] a = new double[n];
    int[] q = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = clamp(0.5 + 0.2 * rnd.nextGaussian());
      a[i] = clamp(0.5 + 0.2 * rnd.nextGaussian());
      q[i] = (v[i] >= 0.5 ? (a[i] >= 0.5 ? 0 : 3) : (a[i] >= 0.5 ? 1 : 2));
      if (rnd.nextDouble() < 0.1) {
        q[i] = rnd.nextInt(4); // some disagreement, as a model's labels would have
      }
    }
    byte[] png = ValenceArousalChart.png(v, a, q, 0.5, 0.5, "Songs on the valence / arousal plane", 2_000);
    save("valence-arousal.png", png);
    BufferedImage img = decode(png);
    int left = ValenceArousalChart.PLOT_LEFT;
    int top = ValenceArousalChart.PLOT_TOP;
    int w = ValenceArousalChart.PLOT_WIDTH;
    int h = ValenceArousalChart.PLOT_HEIGHT;
    assertTrue(countInRect(img, left, top, w, h, ChartsTest::redDominant) > 100);
    assertTrue(countInRect(img, left, top, w, h, ChartsTest::greenDominant) > 100);
    assertTrue(countInRect(img, left, top, w, h, ChartsTest::blueDominant) > 100);
  }

  @Test
  void scatterOfAMillionSongsIsSubsampledAndFast() {
    int n = 1_000_000;
    double[] v = new double[n];
    double[] a = new double[n];
    int[] q = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = (i % 1000) / 1000.0;
      a[i] = (i / 1000) / 1000.0;
      q[i] = i % 4;
    }
    assertEquals(100, ValenceArousalChart.stride(n, 10_000));
    BufferedImage img = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> decode(ValenceArousalChart.png(v, a, q, 0.5, 0.5, "a million songs", 10_000)));
    assertEquals(ValenceArousalChart.WIDTH, img.getWidth());
  }

  @Test
  void strideKeepsAtMostMaxPoints() {
    assertEquals(1, ValenceArousalChart.stride(0, 10));
    assertEquals(1, ValenceArousalChart.stride(10, 10));
    assertEquals(2, ValenceArousalChart.stride(11, 10));
    assertEquals(3, ValenceArousalChart.stride(1_000_000, 400_000));
    for (int n : new int[] {1, 9, 10, 11, 999, 1000, 1001, 123_457}) {
      for (int max : new int[] {1, 7, 10, 1000}) {
        int k = ValenceArousalChart.stride(n, max);
        int drawn = (n - 1) / k + 1;
        assertTrue(drawn <= max, n + " songs, max " + max + ": drew " + drawn);
      }
    }
  }

  @Test
  void axisRangePadsFivePercentAndHandlesEqualValues() {
    assertArrayEquals(new double[] {-0.05, 1.05}, ValenceArousalChart.axisRange(new double[] {0, 0.3, 1}, 0.5),
        1e-12);
    // the centre widens the range so the cross stays visible
    assertArrayEquals(new double[] {-0.1, 2.1}, ValenceArousalChart.axisRange(new double[] {1, 2}, 0), 1e-12);
    // all equal (and equal to the centre): a non-empty range around the value
    double[] eq = ValenceArousalChart.axisRange(new double[] {0.5, 0.5, 0.5}, 0.5);
    assertTrue(eq[0] < 0.5 && eq[1] > 0.5, java.util.Arrays.toString(eq));
    // NaN and infinities are ignored
    assertArrayEquals(new double[] {-0.05, 1.05},
        ValenceArousalChart.axisRange(new double[] {0, Double.NaN, 1, Double.POSITIVE_INFINITY}, 0.5), 1e-12);
  }

  @Test
  void scatterRendersDegenerateInput() throws IOException {
    BufferedImage same = decode(ValenceArousalChart.png(new double[] {0.5, 0.5}, new double[] {0.5, 0.5},
        new int[] {0, 2}, 0.5, 0.5, "all equal", 10));
    assertEquals(ValenceArousalChart.HEIGHT, same.getHeight());
    BufferedImage empty = decode(ValenceArousalChart.png(new double[0], new double[0], new int[0], 0, 0, null, 1));
    assertEquals(ValenceArousalChart.WIDTH, empty.getWidth());
    BufferedImage nan = decode(ValenceArousalChart.png(new double[] {Double.NaN, 0.2}, new double[] {0.1, 0.9},
        new int[] {0, 1}, 0.5, 0.5, "with NaN", 10));
    assertEquals(ValenceArousalChart.WIDTH, nan.getWidth());
  }

  @Test
  void scatterRejectsBadInput() {
    IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class,
        () -> ValenceArousalChart.png(new double[2], new double[3], new int[2], 0, 0, "t", 10));
    assertTrue(lengths.getMessage().contains("length"), lengths.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> ValenceArousalChart.png(new double[2], new double[2], new int[3], 0, 0, "t", 10));
    IllegalArgumentException quadrant = assertThrows(IllegalArgumentException.class,
        () -> ValenceArousalChart.png(new double[2], new double[2], new int[] {0, 4}, 0, 0, "t", 10));
    assertTrue(quadrant.getMessage().contains("0..3"), quadrant.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> ValenceArousalChart.png(new double[1], new double[1], new int[] {-1}, 0, 0, "t", 10));
    assertThrows(IllegalArgumentException.class,
        () -> ValenceArousalChart.png(new double[1], new double[1], new int[1], 0, 0, "t", 0));
    assertThrows(IllegalArgumentException.class,
        () -> ValenceArousalChart.png(new double[1], new double[1], new int[1], Double.NaN, 0, "t", 10));
    assertThrows(IllegalArgumentException.class,
        () -> ValenceArousalChart.png(null, new double[1], new int[1], 0, 0, "t", 10));
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  private static BufferedImage decode(byte[] png) throws IOException {
    assertNotNull(png);
    assertTrue(png.length > 8 && (png[0] & 0xFF) == 0x89 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G',
        "not a PNG signature");
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    assertNotNull(img, "ImageIO could not decode the PNG");
    return img;
  }

  private static void save(String name, byte[] png) throws IOException {
    String dir = System.getProperty("songmood.charts.out");
    if (dir != null && !dir.isBlank()) {
      Path folder = Path.of(dir);
      Files.createDirectories(folder);
      Files.write(folder.resolve(name), png);
    }
  }

  /** A pixel near the centre-left of a confusion cell: inside the fill, clear of the centred text. */
  private static Color cellSample(BufferedImage img, int row, int col) {
    int cell = ConfusionMatrixChart.cell(4);
    int x = ConfusionMatrixChart.LEFT + col * cell + cell / 8;
    int y = ConfusionMatrixChart.TOP + row * cell + cell / 2;
    return new Color(img.getRGB(x, y));
  }

  private static long countInCell(BufferedImage img, int row, int col, java.util.function.Predicate<Color> p) {
    int cell = ConfusionMatrixChart.cell(4);
    int inset = cell / 10;
    return countInRect(img, ConfusionMatrixChart.LEFT + col * cell + inset,
        ConfusionMatrixChart.TOP + row * cell + inset, cell - 2 * inset, cell - 2 * inset, p);
  }

  private static long countInSlot(BufferedImage img, int i, int n, Color color) {
    return countInRect(img, ClassBalanceChart.slotLeft(i, n), ClassBalanceChart.PLOT_TOP,
        ClassBalanceChart.slotWidth(i, n), ClassBalanceChart.PLOT_HEIGHT, color);
  }

  private static long countEverywhere(BufferedImage img, Color color) {
    return countInRect(img, 0, 0, img.getWidth(), img.getHeight(), color);
  }

  private static long countInRect(BufferedImage img, int x0, int y0, int w, int h, Color color) {
    return countInRect(img, x0, y0, w, h, c -> close(c, color));
  }

  private static long countInRect(BufferedImage img, int x0, int y0, int w, int h,
      java.util.function.Predicate<Color> p) {
    long n = 0;
    for (int y = Math.max(0, y0); y < Math.min(img.getHeight(), y0 + h); y++) {
      for (int x = Math.max(0, x0); x < Math.min(img.getWidth(), x0 + w); x++) {
        if (p.test(new Color(img.getRGB(x, y)))) {
          n++;
        }
      }
    }
    return n;
  }

  private static boolean close(Color a, Color b) {
    return Math.abs(a.getRed() - b.getRed()) <= 12 && Math.abs(a.getGreen() - b.getGreen()) <= 12
        && Math.abs(a.getBlue() - b.getBlue()) <= 12;
  }

  private static double luminance(Color c) {
    return (0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()) / 255.0;
  }

  private static boolean redDominant(Color c) {
    return c.getRed() > c.getGreen() + 60 && c.getRed() > c.getBlue() + 60;
  }

  private static boolean greenDominant(Color c) {
    return c.getGreen() > c.getRed() + 40 && c.getGreen() > c.getBlue() + 40;
  }

  private static boolean blueDominant(Color c) {
    return c.getBlue() > c.getRed() + 40 && c.getBlue() > c.getGreen() + 20;
  }

  private static double clamp(double x) {
    return Math.max(0, Math.min(1, x));
  }
}
