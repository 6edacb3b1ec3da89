package dev.songmood.charts;

import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * Confusion-matrix heat map as PNG: rows are the actual class, columns the predicted class. Each cell is shaded by
 * its share of the row (the recall view, so a dark diagonal means good recall whatever the class balance) on a
 * white to dark-blue scale and annotated with the count and that row percentage.
 */
public final class ConfusionMatrixChart {

  static final int WIDTH = 640;
  static final int HEIGHT = 560;
  /** Left edge of the grid of cells. */
  static final int LEFT = 170;
  /** Top edge of the grid of cells. */
  static final int TOP = 78;
  /** Side of the whole grid; each cell is {@link #cell(int)} = GRID / n pixels square. */
  static final int GRID = 390;

  /** Colour of a 0% cell and of a 100% cell. */
  static final Color LOW = Color.WHITE;
  static final Color HIGH = new Color(0x08, 0x30, 0x6B);

  private static final int BAR_X = LEFT + GRID + 22;
  private static final int BAR_W = 14;

  private ConfusionMatrixChart() {
  }

  /** Side in pixels of one cell of an n x n matrix. */
  static int cell(int n) {
    return GRID / n;
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
    int n = validate(counts, labels);
    int cell = cell(n);
    int grid = cell * n;

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

    Canvas cv = Canvas.create(WIDTH, HEIGHT);
    cv.title(title);
    cv.subtitle(total == 0
        ? "no examples"
        : "n = " + Canvas.count(total) + "   accuracy " + Canvas.percent((double) correct / total)
            + "   colour = share of the actual class (row)");

    // cells
    int countSize = Math.max(9, Math.min(18, cell / 5));
    int pctSize = Math.max(8, Math.min(13, cell / 7));
    boolean twoLines = cell >= 2 * (countSize + pctSize);
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        double share = rowTotals[r] == 0 ? 0 : (double) counts[r][c] / rowTotals[r];
        Color fill = Canvas.lerp(LOW, HIGH, share);
        int x = LEFT + c * cell;
        int y = TOP + r * cell;
        cv.color(fill);
        cv.g.fillRect(x, y, cell, cell);

        Color ink = Canvas.luminance(fill) < 0.55 ? Color.WHITE : Canvas.TEXT;
        String countText = Canvas.count(counts[r][c]);
        String pctText = rowTotals[r] == 0 ? "n/a" : Canvas.percent(share);
        double cx = x + cell / 2.0;
        double cy = y + cell / 2.0;
        cv.color(ink);
        if (twoLines) {
          cv.centred(cv.shrinkToFit(countText, Font.BOLD, countSize, 7, cell - 6), cx, cy - pctSize * 0.75);
          cv.centred(cv.shrinkToFit(pctText, Font.PLAIN, pctSize, 7, cell - 6), cx, cy + countSize * 0.75);
        } else {
          String t = cv.shrinkToFit(countText, Font.BOLD, countSize, 7, cell - 4);
          cv.centred(t, cx, cy);
        }
      }
    }

    // grid lines and frame
    cv.g.setStroke(Canvas.solid(1f));
    cv.color(new Color(0xD6, 0xDA, 0xE0));
    for (int i = 1; i < n; i++) {
      cv.line(LEFT + i * cell, TOP, LEFT + i * cell, TOP + grid);
      cv.line(LEFT, TOP + i * cell, LEFT + grid, TOP + i * cell);
    }
    cv.color(Canvas.AXIS);
    cv.g.draw(new Rectangle2D.Double(LEFT - 0.5, TOP - 0.5, grid + 1, grid + 1));

    // class labels: rows (actual) on the left, columns (predicted) underneath
    double rowLabelWidth = LEFT - 10 - 36;
    double widestRowLabel = 0;
    cv.color(Canvas.TEXT);
    for (int i = 0; i < n; i++) {
      String rowLabel = cv.shrinkToFit(labels.get(i), Font.PLAIN, Canvas.LABEL_SIZE, 10, rowLabelWidth);
      widestRowLabel = Math.max(widestRowLabel, cv.textWidth(rowLabel));
      cv.rightAligned(rowLabel, LEFT - 10, TOP + i * cell + cell / 2.0);
      String colLabel = cv.shrinkToFit(labels.get(i), Font.PLAIN, Canvas.LABEL_SIZE, 10, cell - 4);
      cv.centred(colLabel, LEFT + i * cell + cell / 2.0, TOP + grid + 16);
    }

    // axis titles
    cv.use(Canvas.font(Font.BOLD, Canvas.LABEL_SIZE)).color(Canvas.TEXT);
    cv.centred("predicted", LEFT + grid / 2.0, TOP + grid + 42);
    cv.verticalCentred("actual", Math.max(22, LEFT - 10 - widestRowLabel - 18), TOP + grid / 2.0);

    // colour scale
    for (int py = 0; py < grid; py++) {
      cv.color(Canvas.lerp(LOW, HIGH, 1.0 - (double) py / (grid - 1)));
      cv.g.fillRect(BAR_X, TOP + py, BAR_W, 1);
    }
    cv.color(Canvas.AXIS);
    cv.g.setStroke(Canvas.solid(1f));
    cv.g.draw(new Rectangle2D.Double(BAR_X - 0.5, TOP - 0.5, BAR_W + 1, grid + 1));
    cv.use(Canvas.font(Font.PLAIN, Canvas.TICK_SIZE)).color(Canvas.MUTED);
    for (int k = 0; k <= 4; k++) {
      double y = TOP + grid - k * grid / 4.0;
      cv.color(Canvas.AXIS);
      cv.line(BAR_X + BAR_W, y, BAR_X + BAR_W + 4, y);
      cv.color(Canvas.MUTED);
      cv.leftAligned((k * 25) + "%", BAR_X + BAR_W + 7, y);
    }

    return cv.png();
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
    if (n > GRID / 12) {
      throw new IllegalArgumentException("confusion matrix has " + n + " classes; at most " + GRID / 12
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
