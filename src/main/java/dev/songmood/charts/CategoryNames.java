package dev.songmood.charts;

import java.awt.FontMetrics;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;

/**
 * Axes that say what they show (the notebook's charts and the pictures here): category names whole (wrapped at
 * spaces on up to {@value #MAX_LINES} lines where every word fits a category's width, else turned upright on up to
 * {@value #UPRIGHT_LINES}), never cut to "Eve…" (an upright name over about 30 characters still can be: JFreeChart
 * wraps it against the plot's height, which long labels squeeze); and whole-number ticks for counts, never 0.5 of a
 * song.
 */
public final class CategoryNames {
  static final int MAX_LINES = 3;
  /** Upright names may take this share of the plot's height, on up to {@value #UPRIGHT_LINES} lines. */
  static final float UPRIGHT_WIDTH_RATIO = 0.9f;
  static final int UPRIGHT_LINES = 4;
  /** The share of a category's width its name may use (JFreeChart's default for level names). */
  private static final double CATEGORY_SHARE = 0.9;
  /** The plot's share of the picture's width (the rest: range axis, margins). */
  private static final double PLOT_SHARE = 0.85;

  private CategoryNames() {
  }

  /** Lays {@code names} out whole on {@code axis}, in a picture {@code width} pixels wide. */
  public static void wholeNames(CategoryAxis axis, List<String> names, int width) {
    if (names.isEmpty()) {
      return;
    }
    FontMetrics fm = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics()
        .getFontMetrics(axis.getTickLabelFont());
    double room = width * PLOT_SHARE / names.size() * CATEGORY_SHARE;
    boolean wraps = names.stream().allMatch(n -> lines(n, fm, room) <= MAX_LINES);
    if (wraps) {
      axis.setMaximumCategoryLabelLines(MAX_LINES);
    } else {
      axis.setCategoryLabelPositions(CategoryLabelPositions.UP_90);
      axis.setMaximumCategoryLabelWidthRatio(UPRIGHT_WIDTH_RATIO);
      axis.setMaximumCategoryLabelLines(UPRIGHT_LINES);
    }
  }

  /** Lines {@code name} takes wrapped at spaces into {@code room} pixels; more than any limit when a word is wider. */
  static int lines(String name, FontMetrics fm, double room) {
    int lines = 1;
    double used = 0;
    for (String word : name.trim().split("\\s+")) {
      double w = fm.stringWidth(word);
      if (w > room) {
        return Integer.MAX_VALUE;
      }
      double needed = used == 0 ? w : used + fm.stringWidth(" ") + w;
      if (needed > room) {
        lines++;
        used = w;
      } else {
        used = needed;
      }
    }
    return lines;
  }

  /** Whole-number ticks when every value is a whole number (counts). */
  public static void integerTicksIfWhole(NumberAxis axis, List<Double> values) {
    if (!values.isEmpty() && values.stream().allMatch(v -> v == Math.rint(v))) {
      axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    }
  }
}
