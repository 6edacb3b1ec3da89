package dev.songmood.charts;

import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * Vertical bar chart of the number of songs per class, each bar labelled with its count and its share of the
 * series total. A second series (for example predicted next to actual) is drawn beside the first, with a legend.
 */
public final class ClassBalanceChart {

  static final int WIDTH = 720;
  static final int HEIGHT = 420;
  /** Plot area (bars and grid): left edge, top edge, width and height in pixels. */
  static final int PLOT_LEFT = 80;
  static final int PLOT_TOP = 70;
  static final int PLOT_WIDTH = 610;
  static final int PLOT_HEIGHT = 280;

  /** Fill of the first and the second series. */
  static final Color FIRST_COLOR = new Color(0x4C, 0x72, 0xB0);
  static final Color SECOND_COLOR = new Color(0xDD, 0x84, 0x52);

  /** Pixels kept free above the tallest bar for its two label lines. */
  private static final int HEADROOM = 36;
  private static final int MAX_BAR_WIDTH = 120;

  private ClassBalanceChart() {
  }

  /** Left edge of the slot of class {@code i} out of {@code n}; bars of class i lie within its slot. */
  static int slotLeft(int i, int n) {
    return PLOT_LEFT + (int) ((long) i * PLOT_WIDTH / n);
  }

  /** Width of the slot of class {@code i} out of {@code n}. */
  static int slotWidth(int i, int n) {
    return slotLeft(i + 1, n) - slotLeft(i, n);
  }

  /**
   * Renders the chart.
   *
   * @param first      counts per class, one per label, non-negative
   * @param firstName  name of the first series in the legend (used only when {@code second != null})
   * @param second     optional second series, same length as {@code first}; null for a single series
   * @param secondName name of the second series in the legend
   * @param labels     class names
   * @param title      chart title (null for none)
   * @return PNG bytes of a {@value #WIDTH} x {@value #HEIGHT} image
   * @throws IllegalArgumentException on null or empty input, length mismatches, or negative counts
   */
  public static byte[] png(long[] first, String firstName, long[] second, String secondName, List<String> labels,
      String title) {
    validate(first, second, labels);
    int n = first.length;
    boolean two = second != null;
    long firstTotal = sum(first);
    long secondTotal = two ? sum(second) : 0;
    long max = max(first);
    if (two) {
      max = Math.max(max, max(second));
    }
    String firstLabel = firstName == null || firstName.isBlank() ? "first" : firstName;
    String secondLabel = secondName == null || secondName.isBlank() ? "second" : secondName;

    // y axis: 0 .. a nice maximum that leaves HEADROOM pixels above the tallest bar
    double needed = Math.max(1, max / (1.0 - (double) HEADROOM / PLOT_HEIGHT));
    double step = Math.max(1, Canvas.niceStep(needed, 5));
    double axisMax = Math.ceil(needed / step - 1e-9) * step;
    int plotBottom = PLOT_TOP + PLOT_HEIGHT;

    Canvas cv = Canvas.create(WIDTH, HEIGHT);
    cv.title(title);
    cv.subtitle(two
        ? firstLabel + ": n = " + Canvas.count(firstTotal) + "    " + secondLabel + ": n = "
            + Canvas.count(secondTotal)
        : "n = " + Canvas.count(firstTotal));

    // grid and y ticks
    cv.g.setStroke(Canvas.solid(1f));
    cv.use(Canvas.font(Font.PLAIN, Canvas.TICK_SIZE));
    for (double v : Canvas.ticks(0, axisMax, step)) {
      double y = plotBottom - v / axisMax * PLOT_HEIGHT;
      cv.color(Canvas.GRID);
      cv.line(PLOT_LEFT, y, PLOT_LEFT + PLOT_WIDTH, y);
      cv.color(Canvas.AXIS);
      cv.line(PLOT_LEFT - 4, y, PLOT_LEFT, y);
      cv.color(Canvas.MUTED);
      cv.rightAligned(Canvas.tickLabel(v, step), PLOT_LEFT - 7, y);
    }
    cv.use(Canvas.font(Font.BOLD, Canvas.LABEL_SIZE)).color(Canvas.TEXT);
    cv.verticalCentred("songs", 18, PLOT_TOP + PLOT_HEIGHT / 2.0);

    // bars
    for (int i = 0; i < n; i++) {
      int slotLeft = slotLeft(i, n);
      int slotWidth = slotWidth(i, n);
      int groupWidth = (int) Math.min(slotWidth * 0.72, (two ? 2 : 1) * MAX_BAR_WIDTH);
      double groupLeft = slotLeft + (slotWidth - groupWidth) / 2.0;
      double barWidth = two ? (groupWidth - 4) / 2.0 : groupWidth;
      bar(cv, groupLeft, barWidth, first[i], firstTotal, axisMax, FIRST_COLOR);
      if (two) {
        bar(cv, groupLeft + barWidth + 4, barWidth, second[i], secondTotal, axisMax, SECOND_COLOR);
      }
      cv.color(Canvas.TEXT);
      String label = cv.shrinkToFit(labels.get(i), Font.PLAIN, Canvas.LABEL_SIZE, 9, slotWidth - 6);
      cv.centred(label, slotLeft + slotWidth / 2.0, plotBottom + 16);
    }

    // x axis line on top of the bars' bottoms
    cv.color(Canvas.AXIS);
    cv.g.setStroke(Canvas.solid(1f));
    cv.line(PLOT_LEFT, plotBottom + 0.5, PLOT_LEFT + PLOT_WIDTH, plotBottom + 0.5);
    cv.line(PLOT_LEFT - 0.5, PLOT_TOP, PLOT_LEFT - 0.5, plotBottom);

    if (two) {
      legend(cv, firstLabel, secondLabel);
    }
    return cv.png();
  }

  private static void bar(Canvas cv, double left, double width, long value, long total, double axisMax,
      Color color) {
    int plotBottom = PLOT_TOP + PLOT_HEIGHT;
    double h = value / axisMax * PLOT_HEIGHT;
    double top = plotBottom - h;
    cv.color(color);
    cv.g.fill(new Rectangle2D.Double(left, top, width, h));

    double cx = left + width / 2.0;
    String pct = total == 0 ? "n/a" : Canvas.percent((double) value / total);
    cv.color(Canvas.TEXT);
    cv.centred(cv.shrinkToFit(Canvas.count(value), Font.BOLD, 12, 8, width + 8), cx, top - 22);
    cv.color(Canvas.MUTED);
    cv.centred(cv.shrinkToFit(pct, Font.PLAIN, 11, 8, width + 8), cx, top - 8);
  }

  private static void legend(Canvas cv, String firstName, String secondName) {
    cv.use(Canvas.font(Font.PLAIN, 12));
    double swatch = 12;
    double gap = 6;
    double between = 18;
    String a = cv.fit(firstName, 150);
    String b = cv.fit(secondName, 150);
    double width = swatch + gap + cv.textWidth(a) + between + swatch + gap + cv.textWidth(b);
    double x = PLOT_LEFT + PLOT_WIDTH - width;
    double cy = PLOT_TOP - 10;
    cv.color(FIRST_COLOR);
    cv.g.fill(new Rectangle2D.Double(x, cy - swatch / 2, swatch, swatch));
    cv.color(Canvas.TEXT);
    cv.leftAligned(a, x + swatch + gap, cy);
    x += swatch + gap + cv.textWidth(a) + between;
    cv.color(SECOND_COLOR);
    cv.g.fill(new Rectangle2D.Double(x, cy - swatch / 2, swatch, swatch));
    cv.color(Canvas.TEXT);
    cv.leftAligned(b, x + swatch + gap, cy);
  }

  private static void validate(long[] first, long[] second, List<String> labels) {
    if (first == null) {
      throw new IllegalArgumentException("first series must not be null");
    }
    if (labels == null) {
      throw new IllegalArgumentException("labels must not be null");
    }
    if (first.length == 0) {
      throw new IllegalArgumentException("no classes: first series is empty");
    }
    if (labels.size() != first.length) {
      throw new IllegalArgumentException("labels has " + labels.size() + " entries but the first series has "
          + first.length);
    }
    if (second != null && second.length != first.length) {
      throw new IllegalArgumentException("second series has " + second.length + " entries but the first has "
          + first.length);
    }
    if (first.length > PLOT_WIDTH / 8) {
      throw new IllegalArgumentException("too many classes to draw: " + first.length + " (at most "
          + PLOT_WIDTH / 8 + ")");
    }
    checkNonNegative(first, "first");
    if (second != null) {
      checkNonNegative(second, "second");
    }
  }

  private static void checkNonNegative(long[] values, String series) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] < 0) {
        throw new IllegalArgumentException("negative count " + values[i] + " in the " + series
            + " series at class " + i);
      }
    }
  }

  private static long sum(long[] values) {
    long s = 0;
    for (long v : values) {
      s += v;
    }
    return s;
  }

  private static long max(long[] values) {
    long m = 0;
    for (long v : values) {
      m = Math.max(m, v);
    }
    return m;
  }
}
