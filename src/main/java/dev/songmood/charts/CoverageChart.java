package dev.songmood.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Coverage curve: the most confident share of songs on x (0..100%), their accuracy and macro-F1 on y (fixed 0..1),
 * one point per coverage of the table, each accuracy point labelled with the confidence threshold that keeps those
 * songs, and the chance line of four quadrants (0.25). Same look as {@link ReliabilityChart}.
 */
public final class CoverageChart {

  static final int WIDTH = 720;
  static final int HEIGHT = 480;
  static final String X_LABEL = "coverage: most confident share of songs kept (%)";
  static final String Y_LABEL = "accuracy / macro-F1 of the songs kept";
  static final String ACCURACY = "accuracy";
  static final String MACRO_F1 = "macro-F1";
  /** Accuracy of guessing one of the four quadrants at random. */
  static final double CHANCE = 0.25;
  static final String CHANCE_LABEL = "chance (1 in 4 quadrants)";
  static final List<Color> COLORS = ReliabilityChart.COLORS;

  /** One point of the curve: the share of songs kept, their accuracy and macro-F1, the threshold keeping them. */
  public record Point(double coverage, double accuracy, double macroF1, double threshold) {}

  private CoverageChart() {
  }

  /**
   * Renders the curve.
   *
   * @param points   at least one point, coverages in 0..1, metrics in 0..1
   * @param title    chart title (null for none)
   * @param subtitle muted line under the title (null for none), for example the number of songs
   * @return PNG bytes of a {@value #WIDTH} x {@value #HEIGHT} image
   */
  public static byte[] png(List<Point> points, String title, String subtitle) {
    return ChartLook.png(chart(points, title, subtitle), WIDTH, HEIGHT);
  }

  /** The chart before rendering; tests read its axes, series, chance line and labels. */
  static JFreeChart chart(List<Point> points, String title, String subtitle) {
    validate(points);
    XYSeries accuracy = new XYSeries(ACCURACY);
    XYSeries macroF1 = new XYSeries(MACRO_F1);
    XYPlot plot = new XYPlot();
    for (Point p : points) {
      accuracy.add(p.coverage() * 100, p.accuracy());
      macroF1.add(p.coverage() * 100, p.macroF1());
      XYTextAnnotation label = new XYTextAnnotation(String.format(Locale.ROOT, "conf >= %.3f", p.threshold()),
          p.coverage() * 100, p.accuracy() + 0.03);
      label.setFont(ChartLook.font(Font.PLAIN, 10));
      label.setPaint(ChartLook.MUTED);
      label.setTextAnchor(p.coverage() > 0.9 ? TextAnchor.BOTTOM_RIGHT : TextAnchor.BOTTOM_CENTER);
      plot.addAnnotation(label);
    }
    XYSeriesCollection lines = new XYSeriesCollection();
    lines.addSeries(accuracy);
    lines.addSeries(macroF1);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int s = 0; s < 2; s++) {
      renderer.setSeriesPaint(s, COLORS.get(s));
      renderer.setSeriesStroke(s, new BasicStroke(2f));
    }
    plot.setDataset(lines);
    plot.setRenderer(renderer);
    ValueMarker chance = new ValueMarker(CHANCE, ChartLook.MUTED, ChartLook.dashed(1.5f));
    chance.setLabel(CHANCE_LABEL);
    chance.setLabelFont(ChartLook.font(Font.PLAIN, 11));
    chance.setLabelPaint(ChartLook.MUTED);
    chance.setLabelBackgroundColor(new Color(255, 255, 255, 0));
    chance.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
    chance.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
    plot.addRangeMarker(chance, Layer.BACKGROUND);
    NumberAxis x = axis(X_LABEL, 0, 100, 10);
    x.setNumberFormatOverride(new DecimalFormat("0'%'"));
    plot.setDomainAxis(x);
    plot.setRangeAxis(axis(Y_LABEL, 0, 1, 0.1));
    plot.setRangeGridlinePaint(ChartLook.GRID);
    plot.setDomainGridlinePaint(ChartLook.GRID);
    plot.setRangeGridlineStroke(new BasicStroke(0.5f));
    JFreeChart chart = new JFreeChart(null, ChartLook.TITLE, plot, true);
    chart.setPadding(new RectangleInsets(4, 4, 4, 18));  // room for the last tick, "100%", at the right edge
    return ChartLook.style(chart, title, subtitle);
  }

  private static NumberAxis axis(String label, double lower, double upper, double tick) {
    NumberAxis axis = new NumberAxis(label);
    axis.setRange(lower, upper);
    axis.setTickUnit(new NumberTickUnit(tick));
    axis.setLabelFont(ChartLook.LABEL);
    axis.setTickLabelFont(ChartLook.TICK);
    return axis;
  }

  private static void validate(List<Point> points) {
    if (points == null || points.isEmpty()) {
      throw new IllegalArgumentException("a coverage curve needs at least one point");
    }
    for (Point p : points) {
      if (!(p.coverage() > 0 && p.coverage() <= 1) || !(p.accuracy() >= 0 && p.accuracy() <= 1)
          || !(p.macroF1() >= 0 && p.macroF1() <= 1)) {
        throw new IllegalArgumentException("coverage point " + p + ": coverage must be in (0, 1], metrics in 0..1");
      }
    }
  }
}
