package dev.songmood.charts;

import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.List;

/**
 * Scatter plot of songs on Russell's valence (x) / arousal (y) plane, each point coloured by its quadrant id
 * (0 = Q1 .. 3 = Q4), with dashed lines through the centre that splits the quadrants, the quadrant names in the
 * corners, ticked axes and a legend with the number of songs per quadrant.
 *
 * <p>The axes span the data's minimum and maximum (and the centre, so the cross is always visible) plus 5% on each
 * side. At most {@code maxPoints} points are drawn, taking every k-th song, so a million-song array stays fast.
 */
public final class ValenceArousalChart {

  static final int WIDTH = 640;
  static final int HEIGHT = 600;
  /** Plot area: left edge, top edge, width and height in pixels. */
  static final int PLOT_LEFT = 70;
  static final int PLOT_TOP = 66;
  static final int PLOT_WIDTH = 540;
  static final int PLOT_HEIGHT = 440;

  /** Point colours by quadrant id: Q1 orange/gold, Q2 red, Q3 blue, Q4 green. */
  static final List<Color> QUADRANT_COLORS = List.of(
      new Color(0xE6, 0x9F, 0x00),
      new Color(0xD6, 0x27, 0x28),
      new Color(0x1F, 0x77, 0xB4),
      new Color(0x2C, 0xA0, 0x2C));

  /**
   * Quadrant names with the mood words of {@code dev.songmood.Quadrant}: Q1 positive valence / high arousal,
   * Q2 negative / high, Q3 negative / low, Q4 positive / low.
   */
  static final List<String> QUADRANT_NAMES = List.of(
      "Q1 happy",
      "Q2 angry",
      "Q3 sad",
      "Q4 relaxed");

  /** Fraction of the data range added on each side of an axis. */
  static final double PADDING = 0.05;

  private ValenceArousalChart() {
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
    validate(valence, arousal, quadrant, valenceCentre, arousalCentre, maxPoints);
    int n = valence.length;
    long[] perQuadrant = new long[4];
    long withoutCoordinates = 0;
    for (int i = 0; i < n; i++) {
      perQuadrant[quadrant[i]]++;
      if (!Double.isFinite(valence[i]) || !Double.isFinite(arousal[i])) {
        withoutCoordinates++;
      }
    }
    double[] xr = axisRange(valence, valenceCentre);
    double[] yr = axisRange(arousal, arousalCentre);
    int stride = stride(n, maxPoints);
    int drawn = n == 0 ? 0 : (n - 1) / stride + 1;

    Canvas cv = Canvas.create(WIDTH, HEIGHT);
    cv.title(title);
    String sub = Canvas.count(n) + (n == 1 ? " song" : " songs");
    if (stride > 1) {
      sub += ", every " + ordinal(stride) + " drawn (" + Canvas.count(drawn) + ")";
    }
    if (withoutCoordinates > 0) {
      sub += ", " + Canvas.count(withoutCoordinates) + " without finite coordinates";
    }
    cv.subtitle(sub);

    int right = PLOT_LEFT + PLOT_WIDTH;
    int bottom = PLOT_TOP + PLOT_HEIGHT;

    // grid and ticks
    double xStep = Canvas.niceStep(xr[1] - xr[0], 6);
    double yStep = Canvas.niceStep(yr[1] - yr[0], 6);
    cv.g.setStroke(Canvas.solid(1f));
    cv.use(Canvas.font(Font.PLAIN, Canvas.TICK_SIZE));
    for (double v : Canvas.ticks(xr[0], xr[1], xStep)) {
      double x = px(v, xr);
      cv.color(Canvas.GRID);
      cv.line(x, PLOT_TOP, x, bottom);
      cv.color(Canvas.AXIS);
      cv.line(x, bottom, x, bottom + 4);
      cv.color(Canvas.MUTED);
      cv.centred(Canvas.tickLabel(v, xStep), x, bottom + 14);
    }
    for (double v : Canvas.ticks(yr[0], yr[1], yStep)) {
      double y = py(v, yr);
      cv.color(Canvas.GRID);
      cv.line(PLOT_LEFT, y, right, y);
      cv.color(Canvas.AXIS);
      cv.line(PLOT_LEFT - 4, y, PLOT_LEFT, y);
      cv.color(Canvas.MUTED);
      cv.rightAligned(Canvas.tickLabel(v, yStep), PLOT_LEFT - 7, y);
    }
    cv.use(Canvas.font(Font.BOLD, Canvas.LABEL_SIZE)).color(Canvas.TEXT);
    cv.centred("valence", PLOT_LEFT + PLOT_WIDTH / 2.0, bottom + 34);
    cv.verticalCentred("arousal", 16, PLOT_TOP + PLOT_HEIGHT / 2.0);

    // points, clipped to the plot area
    Shape savedClip = cv.g.getClip();
    cv.g.clip(new Rectangle2D.Double(PLOT_LEFT, PLOT_TOP, PLOT_WIDTH, PLOT_HEIGHT));
    double radius = drawn <= 2_000 ? 3.5 : drawn <= 20_000 ? 2.5 : 1.6;
    double opacity = drawn <= 2_000 ? 0.7 : drawn <= 20_000 ? 0.5 : 0.35;
    Color[] fills = new Color[4];
    for (int q = 0; q < 4; q++) {
      fills[q] = Canvas.alpha(QUADRANT_COLORS.get(q), opacity);
    }
    Ellipse2D.Double dot = new Ellipse2D.Double();
    for (int i = 0; i < n; i += stride) {
      double v = valence[i];
      double a = arousal[i];
      if (!Double.isFinite(v) || !Double.isFinite(a)) {
        continue;
      }
      dot.setFrame(px(v, xr) - radius, py(a, yr) - radius, 2 * radius, 2 * radius);
      cv.g.setColor(fills[quadrant[i]]);
      cv.g.fill(dot);
    }

    // centre cross
    cv.color(new Color(0x44, 0x44, 0x44));
    cv.g.setStroke(Canvas.dashed(1.2f));
    double cx = px(valenceCentre, xr);
    double cy = py(arousalCentre, yr);
    cv.line(cx, PLOT_TOP, cx, bottom);
    cv.line(PLOT_LEFT, cy, right, cy);
    cv.g.setClip(savedClip);

    // quadrant names in the corners: Q1 top-right, Q2 top-left, Q3 bottom-left, Q4 bottom-right
    cv.use(Canvas.font(Font.BOLD, 12));
    cornerLabel(cv, QUADRANT_NAMES.get(0), right - 8, PLOT_TOP + 14, true);
    cornerLabel(cv, QUADRANT_NAMES.get(1), PLOT_LEFT + 8, PLOT_TOP + 14, false);
    cornerLabel(cv, QUADRANT_NAMES.get(2), PLOT_LEFT + 8, bottom - 14, false);
    cornerLabel(cv, QUADRANT_NAMES.get(3), right - 8, bottom - 14, true);

    // frame
    cv.color(Canvas.AXIS);
    cv.g.setStroke(Canvas.solid(1f));
    cv.g.draw(new Rectangle2D.Double(PLOT_LEFT - 0.5, PLOT_TOP - 0.5, PLOT_WIDTH + 1, PLOT_HEIGHT + 1));

    // legend, laid out like the plane: Q2 Q1 on the first row, Q3 Q4 on the second
    cv.use(Canvas.font(Font.PLAIN, 12));
    int[][] rows = {{1, 0}, {2, 3}};
    double colWidth = PLOT_WIDTH / 2.0;
    for (int r = 0; r < 2; r++) {
      double y = bottom + 58 + r * 19;
      for (int c = 0; c < 2; c++) {
        int q = rows[r][c];
        double x = PLOT_LEFT + c * colWidth + colWidth / 2.0 - 60;
        cv.color(QUADRANT_COLORS.get(q));
        cv.g.fill(new Ellipse2D.Double(x, y - 5, 10, 10));
        cv.color(Canvas.TEXT);
        cv.leftAligned(QUADRANT_NAMES.get(q) + "  (" + Canvas.count(perQuadrant[q]) + ")", x + 16, y);
      }
    }
    return cv.png();
  }

  /** Pixel x of valence {@code v} on the axis range {@code r}. */
  static double px(double v, double[] r) {
    return PLOT_LEFT + (v - r[0]) / (r[1] - r[0]) * PLOT_WIDTH;
  }

  /** Pixel y of arousal {@code a} on the axis range {@code r}. */
  static double py(double a, double[] r) {
    return PLOT_TOP + PLOT_HEIGHT - (a - r[0]) / (r[1] - r[0]) * PLOT_HEIGHT;
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

  private static void cornerLabel(Canvas cv, String text, double x, double cy, boolean alignRight) {
    double w = cv.textWidth(text);
    double left = alignRight ? x - w : x;
    cv.color(new Color(255, 255, 255, 200));
    cv.g.fill(new RoundRectangle2D.Double(left - 4, cy - 9, w + 8, 18, 6, 6));
    cv.color(Canvas.TEXT);
    cv.leftAligned(text, left, cy);
  }

  private static String ordinal(int k) {
    int mod100 = k % 100;
    String suffix = mod100 >= 11 && mod100 <= 13 ? "th"
        : k % 10 == 1 ? "st" : k % 10 == 2 ? "nd" : k % 10 == 3 ? "rd" : "th";
    return Canvas.count(k) + suffix;
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
