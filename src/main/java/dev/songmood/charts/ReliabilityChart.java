package dev.songmood.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Reliability diagram: songs binned by confidence (equal-width bins over 0..1 on x), each bin's accuracy on y, and
 * the diagonal where a calibrated model's bars end. One to three series side by side within each bin (for example
 * a model before and after calibration), each bar labelled with its number of songs; an empty bin has no bar and
 * says "empty".
 */
public final class ReliabilityChart {

  static final int WIDTH = 720;
  static final int HEIGHT = 480;
  static final String X_LABEL = "confidence (largest probability)";
  static final String Y_LABEL = "accuracy";
  static final String DIAGONAL = "perfectly calibrated";
  static final String EMPTY = "empty";
  /** Shortest bar (accuracy) that holds its count inside; a shorter one has it written above. */
  static final double MIN_BAR_FOR_LABEL = 0.12;
  static final List<Color> COLORS = List.of(new Color(0xDD, 0x84, 0x52), new Color(0x4C, 0x72, 0xB0),
      new Color(0x55, 0xA8, 0x68));

  /** One model's bins: songs and accuracy per bin, and its name in the legend. */
  public record Series(String name, long[] counts, double[] accuracy) {}

  private ReliabilityChart() {
  }

  /**
   * Renders the diagram.
   *
   * @param series   one to three series with the same number of bins
   * @param title    chart title (null for none)
   * @param subtitle muted line under the title (null for none), for example each series' ECE
   * @return PNG bytes of a {@value #WIDTH} x {@value #HEIGHT} image
   */
  public static byte[] png(List<Series> series, String title, String subtitle) {
    return ChartLook.png(chart(series, title, subtitle), WIDTH, HEIGHT);
  }

  /** The chart before rendering; tests read its axes, bars and labels. */
  static JFreeChart chart(List<Series> series, String title, String subtitle) {
    int bins = validate(series);
    double width = 1.0 / bins;
    double slot = width * 0.9 / series.size();  // bars of one bin share 90% of it, a gap between bins
    XYIntervalSeriesCollection bars = new XYIntervalSeriesCollection();
    XYPlot plot = new XYPlot();
    for (int s = 0; s < series.size(); s++) {
      Series one = series.get(s);
      XYIntervalSeries bar = new XYIntervalSeries(one.name());
      for (int b = 0; b < bins; b++) {
        double lo = b * width + width * 0.05 + s * slot;
        double mid = lo + slot / 2;
        double acc = one.counts()[b] == 0 ? 0 : one.accuracy()[b];
        bar.add(mid, lo, lo + slot, acc, acc, acc);
        plot.addAnnotation(countLabel(one.counts()[b], mid, acc));
      }
      bars.addSeries(bar);
    }
    XYBarRenderer barRenderer = new XYBarRenderer(0);
    barRenderer.setBarPainter(new StandardXYBarPainter());
    barRenderer.setShadowVisible(false);
    barRenderer.setDrawBarOutline(false);
    for (int s = 0; s < series.size(); s++) {
      barRenderer.setSeriesPaint(s, COLORS.get(s));
    }
    XYSeries line = new XYSeries(DIAGONAL);
    line.add(0, 0);
    line.add(1, 1);
    XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
    lineRenderer.setSeriesPaint(0, ChartLook.MUTED);
    lineRenderer.setSeriesStroke(0, ChartLook.dashed(1.5f));
    plot.setDataset(0, new XYSeriesCollection(line));
    plot.setRenderer(0, lineRenderer);
    plot.setDataset(1, bars);
    plot.setRenderer(1, barRenderer);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);  // the diagonal over the bars
    plot.setDomainAxis(axis(X_LABEL, width));
    plot.setRangeAxis(axis(Y_LABEL, 0.1));
    plot.setRangeGridlinePaint(ChartLook.GRID);
    plot.setDomainGridlinePaint(ChartLook.GRID);
    plot.setRangeGridlineStroke(new BasicStroke(0.5f));
    JFreeChart chart = new JFreeChart(null, ChartLook.TITLE, plot, true);
    return ChartLook.style(chart, title, subtitle);
  }

  /**
   * The bar's song count written upwards from the foot of the bar in white, clear of the diagonal; above a bar too
   * short to hold it, in dark text.
   */
  private static XYTextAnnotation countLabel(long count, double x, double accuracy) {
    boolean inside = count > 0 && accuracy >= MIN_BAR_FOR_LABEL;
    XYTextAnnotation label = new XYTextAnnotation(count == 0 ? EMPTY : ChartLook.count(count), x,
        inside || count == 0 ? 0.015 : accuracy + 0.015);
    label.setFont(ChartLook.font(java.awt.Font.PLAIN, 10));
    label.setPaint(inside ? Color.WHITE : count == 0 ? ChartLook.MUTED : ChartLook.TEXT);
    label.setRotationAngle(-Math.PI / 2);
    label.setRotationAnchor(TextAnchor.CENTER_LEFT);
    label.setTextAnchor(TextAnchor.CENTER_LEFT);
    return label;
  }

  private static NumberAxis axis(String label, double tick) {
    NumberAxis axis = new NumberAxis(label);
    axis.setRange(0, 1);
    axis.setTickUnit(new NumberTickUnit(tick));
    axis.setLabelFont(ChartLook.LABEL);
    axis.setTickLabelFont(ChartLook.TICK);
    return axis;
  }

  private static int validate(List<Series> series) {
    if (series == null || series.isEmpty() || series.size() > COLORS.size()) {
      throw new IllegalArgumentException("a reliability diagram needs 1 to " + COLORS.size() + " series");
    }
    int bins = series.get(0).counts().length;
    for (Series s : series) {
      if (bins == 0 || s.counts().length != bins || s.accuracy().length != bins) {
        throw new IllegalArgumentException("series '" + s.name() + "' needs " + bins + " counts and accuracies");
      }
      for (int b = 0; b < bins; b++) {
        if (s.counts()[b] < 0 || !(s.accuracy()[b] >= 0 && s.accuracy()[b] <= 1)) {
          throw new IllegalArgumentException("series '" + s.name() + "' bin " + b + ": negative count or an "
              + "accuracy outside 0..1");
        }
      }
    }
    return bins;
  }
}
