package dev.songmood.charts;

import java.awt.Color;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * Histogram of counts already binned (by Spark): bars from each bin's lower to upper edge, optionally with a
 * dashed vertical line at a named value (a budget, a centre).
 */
public final class HistogramChart {

  static final int WIDTH = 640;
  static final int HEIGHT = 360;
  static final Color BAR_COLOR = new Color(0x4C, 0x72, 0xB0);
  static final Color MARKER_COLOR = new Color(0xD6, 0x27, 0x28);

  private HistogramChart() {
  }

  /**
   * Renders the histogram.
   *
   * @param edges       bin edges, ascending, one more than {@code counts}
   * @param counts      rows per bin, non-negative
   * @param xLabel      what is counted, e.g. "characters"
   * @param title       chart title (null for none)
   * @param subtitle    muted line under the title (null for none)
   * @param markerAt    x of a dashed vertical line, or NaN for none
   * @param markerLabel the line's label
   * @return PNG bytes of a {@value #WIDTH} x {@value #HEIGHT} image
   */
  public static byte[] png(double[] edges, long[] counts, String xLabel, String title, String subtitle,
      double markerAt, String markerLabel) {
    return ChartLook.png(chart(edges, counts, xLabel, title, subtitle, markerAt, markerLabel), WIDTH, HEIGHT);
  }

  static JFreeChart chart(double[] edges, long[] counts, String xLabel, String title, String subtitle,
      double markerAt, String markerLabel) {
    validate(edges, counts);
    XYIntervalSeries bins = new XYIntervalSeries("rows");
    for (int i = 0; i < counts.length; i++) {
      double mid = (edges[i] + edges[i + 1]) / 2;
      bins.add(mid, edges[i], edges[i + 1], counts[i], counts[i], counts[i]);
    }
    XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
    data.addSeries(bins);
    XYBarRenderer renderer = new XYBarRenderer(0.04);
    renderer.setBarPainter(new StandardXYBarPainter());
    renderer.setShadowVisible(false);
    renderer.setSeriesPaint(0, BAR_COLOR);
    NumberAxis x = new NumberAxis(xLabel);
    x.setAutoRangeIncludesZero(false);
    x.setLabelFont(ChartLook.LABEL);
    x.setTickLabelFont(ChartLook.TICK);
    NumberAxis y = new NumberAxis("rows");
    y.setLabelFont(ChartLook.LABEL);
    y.setTickLabelFont(ChartLook.TICK);
    y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    y.setUpperMargin(0.1);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setRangeGridlinePaint(ChartLook.GRID);
    plot.setDomainGridlinesVisible(false);
    if (Double.isFinite(markerAt)) {
      ValueMarker m = new ValueMarker(markerAt, MARKER_COLOR, ChartLook.dashed(1.5f));
      m.setLabel(markerLabel);
      m.setLabelFont(ChartLook.TICK);
      m.setLabelPaint(MARKER_COLOR);
      m.setLabelBackgroundColor(Color.WHITE);
      m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
      m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
      plot.addDomainMarker(m);
      double lo = Math.min(edges[0], markerAt);
      double hi = Math.max(edges[edges.length - 1], markerAt);
      x.setRange(lo - (hi - lo) * 0.02, hi + (hi - lo) * 0.02 + 1e-9);
    }
    return ChartLook.style(new JFreeChart(null, ChartLook.TITLE, plot, false), title, subtitle);
  }

  private static void validate(double[] edges, long[] counts) {
    if (edges == null || counts == null) {
      throw new IllegalArgumentException("edges and counts must not be null");
    }
    if (counts.length == 0 || edges.length != counts.length + 1) {
      throw new IllegalArgumentException("a histogram needs n >= 1 counts and n + 1 edges, got " + counts.length
          + " counts and " + edges.length + " edges");
    }
    for (int i = 0; i < counts.length; i++) {
      if (!(edges[i + 1] >= edges[i]) || counts[i] < 0) {
        throw new IllegalArgumentException("bin " + i + " is not ascending or has a negative count");
      }
    }
  }
}
