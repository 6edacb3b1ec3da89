package dev.songmood.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The one look of every picture: white background, logical sans-serif fonts (they resolve on any JRE, headless),
 * a bold title with a muted subtitle, light grid lines, quadrant colours; and PNG encoding.
 */
final class ChartLook {

  static final Color TEXT = new Color(0x22, 0x22, 0x22);
  static final Color MUTED = new Color(0x5F, 0x63, 0x68);
  static final Color GRID = new Color(0xD8, 0xDB, 0xE0);

  /** Point colours by quadrant id: Q1 orange/gold, Q2 red, Q3 blue, Q4 green. */
  static final List<Color> QUADRANT_COLORS = List.of(
      new Color(0xE6, 0x9F, 0x00),
      new Color(0xD6, 0x27, 0x28),
      new Color(0x1F, 0x77, 0xB4),
      new Color(0x2C, 0xA0, 0x2C));

  static final Font TITLE = font(Font.BOLD, 17);
  static final Font SUBTITLE = font(Font.PLAIN, 12);
  static final Font LABEL = font(Font.BOLD, 13);
  static final Font TICK = font(Font.PLAIN, 11);

  private ChartLook() {
  }

  static Font font(int style, float size) {
    return new Font(Font.SANS_SERIF, style, 12).deriveFont(size);
  }

  /** Applies the look to a chart built by JFreeChart: title font, subtitle, white backgrounds, grid colour. */
  static JFreeChart style(JFreeChart chart, String title, String subtitle) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    if (title == null || title.isBlank()) {
      chart.setTitle((TextTitle) null);
    } else {
      chart.setTitle(new TextTitle(title, TITLE, TEXT, TextTitle.DEFAULT_POSITION,
          TextTitle.DEFAULT_HORIZONTAL_ALIGNMENT, TextTitle.DEFAULT_VERTICAL_ALIGNMENT,
          new RectangleInsets(6, 4, 2, 4)));
    }
    if (subtitle != null && !subtitle.isBlank()) {
      TextTitle sub = new TextTitle(subtitle, SUBTITLE);
      sub.setPaint(MUTED);
      chart.addSubtitle(0, sub);
    }
    Plot plot = chart.getPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlinePaint(GRID);
    if (chart.getLegend() != null) {
      chart.getLegend().setItemFont(font(Font.PLAIN, 12));
      chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
    }
    return chart;
  }

  static Stroke dashed(float width) {
    return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
  }

  /** Renders the chart at the given size and encodes it as PNG. */
  static byte[] png(JFreeChart chart, int width, int height) {
    try {
      return ChartUtils.encodeAsPNG(chart.createBufferedImage(width, height));
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding failed", e);
    }
  }

  /** "1,234,567" (grouping independent of the default locale). */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** "12.3%" for a share in 0..1. */
  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100.0);
  }

  /** Linear blend from {@code a} (t = 0) to {@code b} (t = 1); t is clamped to [0, 1]. */
  static Color lerp(Color a, Color b, double t) {
    double u = Math.max(0, Math.min(1, t));
    return new Color(
        (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * u),
        (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * u),
        (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * u));
  }

  /** Perceived brightness 0 (black) .. 1 (white), Rec. 709 weights on gamma-encoded channels. */
  static double luminance(Color c) {
    return (0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()) / 255.0;
  }

  static Color alpha(Color c, double alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * Math.max(0, Math.min(1, alpha))));
  }
}
