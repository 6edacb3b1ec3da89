package dev.songmood.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Shared drawing surface of the charts: an antialiased white {@link BufferedImage}, the common fonts and colours,
 * text alignment helpers, axis-tick arithmetic and PNG encoding. Works headless (no display is touched).
 *
 * <p>One instance draws one chart; {@link #png()} disposes the graphics and returns the encoded image.
 */
final class Canvas {

  /** Main text: titles, labels. */
  static final Color TEXT = new Color(0x22, 0x22, 0x22);
  /** Secondary text: subtitles, tick labels. */
  static final Color MUTED = new Color(0x5F, 0x63, 0x68);
  /** Axis lines and frames. */
  static final Color AXIS = new Color(0x9A, 0xA0, 0xA6);
  /** Background grid lines. */
  static final Color GRID = new Color(0xE8, 0xEA, 0xED);

  static final int TITLE_SIZE = 17;
  static final int SUBTITLE_SIZE = 12;
  static final int LABEL_SIZE = 13;
  static final int TICK_SIZE = 11;

  /** Baseline-centre heights of the title and the subtitle line. */
  static final int TITLE_Y = 24;
  static final int SUBTITLE_Y = 44;

  final int width;
  final int height;
  final BufferedImage image;
  final Graphics2D g;

  private Canvas(int width, int height) {
    this.width = width;
    this.height = height;
    this.image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    this.g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(TEXT);
    g.setFont(font(Font.PLAIN, LABEL_SIZE));
  }

  /** A white, antialiased canvas of the given size. */
  static Canvas create(int width, int height) {
    return new Canvas(width, height);
  }

  /** The charts' font: the logical sans-serif family, so it resolves on any JRE. */
  static Font font(int style, float size) {
    return new Font(Font.SANS_SERIF, style, 12).deriveFont(size);
  }

  Canvas use(Font f) {
    g.setFont(f);
    return this;
  }

  Canvas color(Color c) {
    g.setColor(c);
    return this;
  }

  /** Bold title centred at the top; a null or blank title draws nothing. */
  void title(String title) {
    if (title == null || title.isBlank()) {
      return;
    }
    use(font(Font.BOLD, TITLE_SIZE)).color(TEXT);
    centred(fit(title, width - 20), width / 2.0, TITLE_Y);
  }

  /** Smaller muted line under the title. */
  void subtitle(String text) {
    if (text == null || text.isBlank()) {
      return;
    }
    use(font(Font.PLAIN, SUBTITLE_SIZE)).color(MUTED);
    centred(fit(text, width - 20), width / 2.0, SUBTITLE_Y);
  }

  // ---- text -------------------------------------------------------------------------------------------------

  /** Width of {@code s} in the current font. */
  double textWidth(String s) {
    return g.getFontMetrics().getStringBounds(s, g).getWidth();
  }

  /** Baseline that centres the current font's capitals/digits vertically on {@code cy}. */
  private float baseline(double cy) {
    FontMetrics fm = g.getFontMetrics();
    return (float) (cy + (fm.getAscent() - fm.getDescent()) / 2.0);
  }

  /** Draws {@code s} centred horizontally on {@code cx} and vertically on {@code cy}. */
  void centred(String s, double cx, double cy) {
    g.drawString(s, (float) (cx - textWidth(s) / 2.0), baseline(cy));
  }

  /** Draws {@code s} ending at {@code right}, vertically centred on {@code cy}. */
  void rightAligned(String s, double right, double cy) {
    g.drawString(s, (float) (right - textWidth(s)), baseline(cy));
  }

  /** Draws {@code s} starting at {@code left}, vertically centred on {@code cy}. */
  void leftAligned(String s, double left, double cy) {
    g.drawString(s, (float) left, baseline(cy));
  }

  /** Draws {@code s} rotated a quarter turn anticlockwise (reading bottom-up), centred on (cx, cy). */
  void verticalCentred(String s, double cx, double cy) {
    AffineTransform saved = g.getTransform();
    g.translate(cx, cy);
    g.rotate(-Math.PI / 2);
    centred(s, 0, 0);
    g.setTransform(saved);
  }

  /** {@code s} cut with "..." so that it is at most {@code maxWidth} wide in the current font. */
  String fit(String s, double maxWidth) {
    if (s == null) {
      return "";
    }
    if (textWidth(s) <= maxWidth) {
      return s;
    }
    String ellipsis = "...";
    int end = s.length();
    while (end > 0 && textWidth(s.substring(0, end) + ellipsis) > maxWidth) {
      end--;
    }
    return end == 0 ? "" : s.substring(0, end) + ellipsis;
  }

  /**
   * Sets the largest font of the given style between {@code minSize} and {@code size} in which {@code s} fits
   * {@code maxWidth}, then returns {@code s}, cut with "..." if even the smallest size is too wide.
   */
  String shrinkToFit(String s, int style, int size, int minSize, double maxWidth) {
    String text = s == null ? "" : s;
    for (int sz = size; sz >= minSize; sz--) {
      use(font(style, sz));
      if (textWidth(text) <= maxWidth) {
        return text;
      }
    }
    return fit(text, maxWidth);
  }

  // ---- lines ------------------------------------------------------------------------------------------------

  void line(double x1, double y1, double x2, double y2) {
    g.draw(new Line2D.Double(x1, y1, x2, y2));
  }

  static Stroke solid(float w) {
    return new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER);
  }

  static Stroke dashed(float w) {
    return new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
  }

  // ---- colours and numbers ----------------------------------------------------------------------------------

  /** Linear blend from {@code a} (t = 0) to {@code b} (t = 1); t is clamped to [0, 1]. */
  static Color lerp(Color a, Color b, double t) {
    double u = Math.max(0, Math.min(1, t));
    return new Color(
        (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * u),
        (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * u),
        (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * u));
  }

  /** Same colour with the given alpha (0..1). */
  static Color alpha(Color c, double alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * Math.max(0, Math.min(1, alpha))));
  }

  /** Perceived brightness 0 (black) .. 1 (white), Rec. 709 weights on gamma-encoded channels. */
  static double luminance(Color c) {
    return (0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()) / 255.0;
  }

  /** "1,234,567" (grouping independent of the default locale). */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** "12.3%" for a share in 0..1. */
  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100.0);
  }

  /** A "nice" step (1, 2, 2.5 or 5 times a power of ten) giving about {@code target} intervals over {@code span}. */
  static double niceStep(double span, int target) {
    if (!(span > 0) || Double.isInfinite(span)) {
      return 1;
    }
    double raw = span / Math.max(1, target);
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double r = raw / magnitude;
    double nice = r <= 1 ? 1 : r <= 2 ? 2 : r <= 2.5 ? 2.5 : r <= 5 ? 5 : 10;
    return nice * magnitude;
  }

  /** Multiples of {@code step} inside [lo, hi]. */
  static List<Double> ticks(double lo, double hi, double step) {
    List<Double> out = new ArrayList<>();
    double first = Math.ceil(lo / step - 1e-9) * step;
    for (int i = 0; i < 1000; i++) {
      double v = first + i * step;
      if (v > hi + step * 1e-9) {
        break;
      }
      out.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
    }
    return out;
  }

  /** Tick label with as many decimals as the step needs. */
  static String tickLabel(double v, double step) {
    int decimals = 0;
    double s = Math.abs(step);
    while (decimals < 6 && Math.abs(s * Math.pow(10, decimals) - Math.rint(s * Math.pow(10, decimals))) > 1e-6) {
      decimals++;
    }
    return String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }

  // ---- output -----------------------------------------------------------------------------------------------

  /** Disposes the graphics and encodes the image as PNG. */
  byte[] png() {
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("no PNG writer registered with javax.imageio");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding failed", e);
    }
    return out.toByteArray();
  }
}
