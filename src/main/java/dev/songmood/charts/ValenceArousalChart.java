package dev.songmood.charts;

import dev.songmood.Quadrant;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Scatter plot of songs on Russell's valence (x) / arousal (y) plane, each point coloured by its quadrant id
 * (0 = Q1 .. 3 = Q4), with dashed lines through the centre that splits the quadrants, each quadrant's name, mood
 * word and emotions in its corner, and a legend with the number of songs per quadrant.
 *
 * <p>The axes span the data's minimum and maximum (and the centre, so the cross is always visible) plus 5% on each
 * side. At most {@code maxPoints} points are drawn, taking every k-th song, so a million-song array stays fast.
 */
public final class ValenceArousalChart {

  static final int WIDTH = 640;
  static final int HEIGHT = 600;
  /** Fraction of the data range added on each side of an axis. */
  static final double PADDING = 0.05;

  private ValenceArousalChart() {
  }

  /** "Q1 happy": the quadrant's name and its mood word, as the legend and the corners show it. */
  static String name(Quadrant q) {
    return q.name() + " " + q.mood();
  }

  /**
   * Renders the scatter.
   *
   * @param valence       x coordinate per song
   * @param arousal       y coordinate per song, same length
   * @param quadrant      quadrant id 0..3 per song, same length
   * @param valenceCentre x of the vertical dashed line
   * @param arousalCentre y of the horizontal dashed line
   * @param title         chart title (null for none)
   * @param maxPoints     most points drawn (at least 1); with more songs every k-th is drawn
   * @return PNG bytes of a {@value #WIDTH} x {@value #HEIGHT} image
   * @throws IllegalArgumentException on null arrays, different lengths, a quadrant id outside 0..3, a
   *                                  non-finite centre or {@code maxPoints < 1}
   */
  public static byte[] png(double[] valence, double[] arousal, int[] quadrant, double valenceCentre,
      double arousalCentre, String title, int maxPoints) {
    return ChartLook.png(chart(valence, arousal, quadrant, valenceCentre, arousalCentre, title, maxPoints),
        WIDTH, HEIGHT);
  }

  /** The chart before rendering; tests read its series, markers and corner texts. */
  static JFreeChart chart(double[] valence, double[] arousal, int[] quadrant, double valenceCentre,
      double arousalCentre, String title, int maxPoints) {
    validate(valence, arousal, quadrant, valenceCentre, arousalCentre, maxPoints);
    int n = valence.length;
    long[] perQuadrant = new long[Quadrant.COUNT];
    long withoutCoordinates = 0;
    for (int i = 0; i < n; i++) {
      perQuadrant[quadrant[i]]++;
      if (!Double.isFinite(valence[i]) || !Double.isFinite(arousal[i])) {
        withoutCoordinates++;
      }
    }
    int stride = stride(n, maxPoints);
    int drawn = n == 0 ? 0 : (n - 1) / stride + 1;
    XYSeries[] series = new XYSeries[Quadrant.COUNT];
    XYSeriesCollection data = new XYSeriesCollection();
    for (Quadrant q : Quadrant.values()) {
      series[q.id()] = new XYSeries(name(q) + " (" + ChartLook.count(perQuadrant[q.id()]) + ")", false, true);
      data.addSeries(series[q.id()]);
    }
    for (int i = 0; i < n; i += stride) {
      if (Double.isFinite(valence[i]) && Double.isFinite(arousal[i])) {
        series[quadrant[i]].add(valence[i], arousal[i], false);
      }
    }

    double radius = drawn <= 2_000 ? 3.5 : drawn <= 20_000 ? 2.5 : 1.6;
    double opacity = drawn <= 2_000 ? 0.7 : drawn <= 20_000 ? 0.5 : 0.35;
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
    for (Quadrant q : Quadrant.values()) {
      renderer.setSeriesPaint(q.id(), ChartLook.alpha(ChartLook.QUADRANT_COLORS.get(q.id()), opacity));
      renderer.setSeriesShape(q.id(), new Ellipse2D.Double(-radius, -radius, 2 * radius, 2 * radius));
      renderer.setLegendShape(q.id(), new Ellipse2D.Double(-5, -5, 10, 10));
    }
    double[] xr = axisRange(valence, valenceCentre);
    double[] yr = axisRange(arousal, arousalCentre);
    XYPlot plot = new XYPlot(data, axis("valence", xr), axis("arousal", yr), renderer);
    plot.setDomainGridlinePaint(ChartLook.GRID);
    plot.setRangeGridlinePaint(ChartLook.GRID);
    for (boolean vertical : new boolean[] {true, false}) {
      ValueMarker m = new ValueMarker(vertical ? valenceCentre : arousalCentre, new Color(0x44, 0x44, 0x44),
          ChartLook.dashed(1.2f));
      if (vertical) {
        plot.addDomainMarker(m);
      } else {
        plot.addRangeMarker(m);
      }
    }
    double padX = (xr[1] - xr[0]) * 0.015;
    double padY = (yr[1] - yr[0]) * 0.015;
    for (Quadrant q : Quadrant.values()) {
      boolean right = q.positiveValence();
      boolean top = q.highArousal();
      double x = right ? xr[1] - padX : xr[0] + padX;
      double y = top ? yr[1] - padY : yr[0] + padY;
      TextAnchor anchor = top ? (right ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT)
          : (right ? TextAnchor.BOTTOM_RIGHT : TextAnchor.BOTTOM_LEFT);
      double line = (yr[1] - yr[0]) * 0.04;
      plot.addAnnotation(corner(name(q), x, top ? y : y + line, anchor, Font.BOLD, 13));
      plot.addAnnotation(corner(q.emotions(), x, top ? y - line : y, anchor, Font.PLAIN, 11));
    }

    JFreeChart chart = new JFreeChart(null, ChartLook.TITLE, plot, true);
    LegendTitle legend = chart.getLegend();
    legend.setPosition(RectangleEdge.BOTTOM);
    String sub = ChartLook.count(n) + (n == 1 ? " song" : " songs");
    if (stride > 1) {
      sub += ", every " + ordinal(stride) + " drawn (" + ChartLook.count(drawn) + ")";
    }
    if (withoutCoordinates > 0) {
      sub += ", " + ChartLook.count(withoutCoordinates) + " without finite coordinates";
    }
    return ChartLook.style(chart, title, sub);
  }

  private static NumberAxis axis(String label, double[] range) {
    NumberAxis axis = new NumberAxis(label);
    axis.setRange(range[0], range[1]);
    axis.setAutoRangeIncludesZero(false);
    axis.setLabelFont(ChartLook.LABEL);
    axis.setTickLabelFont(ChartLook.TICK);
    return axis;
  }

  private static XYTextAnnotation corner(String text, double x, double y, TextAnchor anchor, int style, int size) {
    XYTextAnnotation a = new XYTextAnnotation(text, x, y);
    a.setTextAnchor(anchor);
    a.setFont(ChartLook.font(style, size));
    a.setPaint(ChartLook.TEXT);
    a.setBackgroundPaint(new Color(255, 255, 255, 200));
    a.setOutlineVisible(false);
    a.setOutlineStroke(new BasicStroke(0f));
    return a;
  }

  /** Every how many songs one is drawn so that at most {@code maxPoints} are: ceil(n / maxPoints), at least 1. */
  static int stride(int n, int maxPoints) {
    return Math.max(1, (int) ((n + (long) maxPoints - 1) / maxPoints));
  }

  /**
   * {lo, hi} of an axis: the finite values' min and max, widened to include {@code centre}, plus {@link #PADDING}
   * of the span on each side. All-equal values (or none) get a span of 1 (or 10% of the value's magnitude if
   * larger) around them.
   */
  static double[] axisRange(double[] values, double centre) {
    double lo = centre;
    double hi = centre;
    for (double v : values) {
      if (Double.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    double span = hi - lo;
    if (!(span > 1e-12 * Math.max(1, Math.abs(hi)))) {
      double half = Math.max(0.5, Math.abs(lo) * 0.05);
      lo -= half;
      hi += half;
      span = hi - lo;
    }
    return new double[] {lo - PADDING * span, hi + PADDING * span};
  }

  private static String ordinal(int k) {
    int mod100 = k % 100;
    String suffix = mod100 >= 11 && mod100 <= 13 ? "th"
        : k % 10 == 1 ? "st" : k % 10 == 2 ? "nd" : k % 10 == 3 ? "rd" : "th";
    return ChartLook.count(k) + suffix;
  }

  private static void validate(double[] valence, double[] arousal, int[] quadrant, double valenceCentre,
      double arousalCentre, int maxPoints) {
    if (valence == null || arousal == null || quadrant == null) {
      throw new IllegalArgumentException("valence, arousal and quadrant arrays must not be null");
    }
    if (valence.length != arousal.length || valence.length != quadrant.length) {
      throw new IllegalArgumentException("arrays differ in length: valence " + valence.length + ", arousal "
          + arousal.length + ", quadrant " + quadrant.length);
    }
    if (!Double.isFinite(valenceCentre) || !Double.isFinite(arousalCentre)) {
      throw new IllegalArgumentException("centre must be finite: valence " + valenceCentre + ", arousal "
          + arousalCentre);
    }
    if (maxPoints < 1) {
      throw new IllegalArgumentException("maxPoints must be at least 1, got " + maxPoints);
    }
    for (int i = 0; i < quadrant.length; i++) {
      if (quadrant[i] < 0 || quadrant[i] > 3) {
        throw new IllegalArgumentException("quadrant id " + quadrant[i] + " at index " + i
            + " is outside 0..3");
      }
    }
  }
}
