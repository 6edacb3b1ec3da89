package dev.songmood.charts;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * Confusion-matrix heat map: rows are the actual class (first on top), columns the predicted class. Each cell is
 * shaded by its share of the row (the recall view, so a dark diagonal means good recall whatever the class balance)
 * on a white to dark-blue scale and annotated with the count and that row percentage, in white on dark cells.
 */
public final class ConfusionMatrixChart {

  static final int WIDTH = 640;
  static final int HEIGHT = 560;
  /** Colour of a 0% cell and of a 100% cell. */
  static final Color LOW = Color.WHITE;
  static final Color HIGH = new Color(0x08, 0x30, 0x6B);
  /** Most classes drawn: beyond that the annotations no longer fit a cell. */
  static final int MAX_CLASSES = 32;

  private ConfusionMatrixChart() {
  }

  /**
   * Renders the matrix.
   *
   * @param counts {@code counts[actual][predicted]}, square, non-negative
   * @param labels class names, one per row/column
   * @param title  chart title (null for none)
   * @return PNG bytes of a {@value #WIDTH} x {@value #HEIGHT} image
   * @throws IllegalArgumentException if the matrix is empty, not square, has negative counts, or the labels do
   *                                  not match its size
   */
  public static byte[] png(long[][] counts, List<String> labels, String title) {
    return ChartLook.png(chart(counts, labels, title), WIDTH, HEIGHT);
  }

  /** The chart before rendering; tests read its cells and annotations. */
  static JFreeChart chart(long[][] counts, List<String> labels, String title) {
    int n = validate(counts, labels);
    long[] rowTotals = new long[n];
    long total = 0;
    long correct = 0;
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        rowTotals[r] += counts[r][c];
      }
      total += rowTotals[r];
      correct += counts[r][r];
    }
    double[][] xyz = new double[3][n * n];
    XYPlot plot = new XYPlot();
    int countSize = Math.max(8, Math.min(18, 72 / n));
    int pctSize = Math.max(7, Math.min(13, 52 / n));
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        int i = r * n + c;
        double share = rowTotals[r] == 0 ? 0 : (double) counts[r][c] / rowTotals[r];
        xyz[0][i] = c;
        xyz[1][i] = r;
        xyz[2][i] = share;
        Color ink = ChartLook.luminance(SCALE.colour(share)) < 0.55 ? Color.WHITE : ChartLook.TEXT;
        plot.addAnnotation(text(ChartLook.count(counts[r][c]), c, r - 0.13, Font.BOLD, countSize, ink));
        plot.addAnnotation(text(rowTotals[r] == 0 ? "n/a" : ChartLook.percent(share), c, r + 0.17, Font.PLAIN,
            pctSize, ink));
      }
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries("row share", xyz);
    plot.setDataset(data);
    XYBlockRenderer renderer = new XYBlockRenderer();
    renderer.setPaintScale(SCALE);
    plot.setRenderer(renderer);
    String[] names = labels.toArray(new String[0]);
    plot.setDomainAxis(axis("predicted", names, false));
    plot.setRangeAxis(axis("actual", names, true));
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);

    JFreeChart chart = new JFreeChart(null, ChartLook.TITLE, plot, false);
    NumberAxis scaleAxis = new NumberAxis("share of the actual class");
    scaleAxis.setRange(0, 1);
    scaleAxis.setNumberFormatOverride(java.text.NumberFormat.getPercentInstance(java.util.Locale.ROOT));
    scaleAxis.setTickLabelFont(ChartLook.TICK);
    scaleAxis.setLabelFont(ChartLook.font(Font.PLAIN, 11));
    PaintScaleLegend legend = new PaintScaleLegend(SCALE, scaleAxis);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setStripWidth(14);
    legend.setMargin(new RectangleInsets(40, 8, 40, 8));
    chart.addSubtitle(legend);
    return ChartLook.style(chart, title, total == 0
        ? "no examples"
        : "n = " + ChartLook.count(total) + "   accuracy " + ChartLook.percent((double) correct / total)
            + "   colour = share of the actual class (row)");
  }

  private static SymbolAxis axis(String name, String[] labels, boolean inverted) {
    SymbolAxis axis = new SymbolAxis(name, labels);
    axis.setInverted(inverted);
    axis.setGridBandsVisible(false);
    axis.setLabelFont(ChartLook.LABEL);
    axis.setTickLabelFont(ChartLook.font(Font.PLAIN, 13));
    axis.setRange(-0.5, labels.length - 0.5);
    return axis;
  }

  private static XYTextAnnotation text(String s, double x, double y, int style, int size, Color ink) {
    XYTextAnnotation a = new XYTextAnnotation(s, x, y);
    a.setFont(ChartLook.font(style, size));
    a.setPaint(ink);
    a.setTextAnchor(TextAnchor.CENTER);
    return a;
  }

  /** White (0%) to dark blue (100%). */
  static final Scale SCALE = new Scale();

  static final class Scale implements PaintScale, java.io.Serializable {
    @Override
    public double getLowerBound() { return 0; }

    @Override
    public double getUpperBound() { return 1; }

    @Override
    public Paint getPaint(double value) { return colour(value); }

    Color colour(double share) { return ChartLook.lerp(LOW, HIGH, share); }
  }

  private static int validate(long[][] counts, List<String> labels) {
    if (counts == null) {
      throw new IllegalArgumentException("counts must not be null");
    }
    if (labels == null) {
      throw new IllegalArgumentException("labels must not be null");
    }
    int n = counts.length;
    if (n == 0) {
      throw new IllegalArgumentException("confusion matrix is empty (0 classes)");
    }
    if (n > MAX_CLASSES) {
      throw new IllegalArgumentException("confusion matrix has " + n + " classes; at most " + MAX_CLASSES
          + " can be drawn");
    }
    for (int r = 0; r < n; r++) {
      if (counts[r] == null) {
        throw new IllegalArgumentException("confusion matrix row " + r + " is null");
      }
      if (counts[r].length != n) {
        throw new IllegalArgumentException("confusion matrix must be square: " + n + " rows but row " + r
            + " has " + counts[r].length + " columns");
      }
      for (int c = 0; c < n; c++) {
        if (counts[r][c] < 0) {
          throw new IllegalArgumentException("negative count " + counts[r][c] + " at actual=" + r
              + ", predicted=" + c);
        }
      }
    }
    if (labels.size() != n) {
      throw new IllegalArgumentException("labels has " + labels.size() + " entries but the matrix is " + n
          + " x " + n);
    }
    return n;
  }
}
