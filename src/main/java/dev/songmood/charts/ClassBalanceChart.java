package dev.songmood.charts;

import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Vertical bar chart of the number of songs per class, each bar labelled with its count and its share of the
 * series total. A second series (for example predicted next to actual) is drawn beside the first, with a legend.
 * Also the bar chart of any named counts (a profile's most frequent values).
 */
public final class ClassBalanceChart {

  static final int WIDTH = 720;
  static final int HEIGHT = 420;
  /** Fill of the first and the second series. */
  static final Color FIRST_COLOR = new Color(0x4C, 0x72, 0xB0);
  static final Color SECOND_COLOR = new Color(0xDD, 0x84, 0x52);

  private ClassBalanceChart() {
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
    return ChartLook.png(chart(first, firstName, second, secondName, labels, title), WIDTH, HEIGHT);
  }

  /** The chart before rendering; tests read its bars and labels. */
  static JFreeChart chart(long[] first, String firstName, long[] second, String secondName, List<String> labels,
      String title) {
    validate(first, second, labels);
    boolean two = second != null;
    String firstLabel = firstName == null || firstName.isBlank() ? "first" : firstName;
    String secondLabel = secondName == null || secondName.isBlank() ? "second" : secondName;
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (int i = 0; i < first.length; i++) {
      data.addValue(first[i], firstLabel, labels.get(i));
      if (two) {
        data.addValue(second[i], secondLabel, labels.get(i));
      }
    }
    long[] totals = {sum(first), two ? sum(second) : 0};

    BarRenderer renderer = new BarRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setMaximumBarWidth(two ? 0.12 : 0.16);
    renderer.setItemMargin(0.03);
    renderer.setSeriesPaint(0, FIRST_COLOR);
    renderer.setSeriesPaint(1, SECOND_COLOR);
    renderer.setDefaultItemLabelGenerator(new CountAndShare(totals));
    renderer.setDefaultItemLabelsVisible(true);
    renderer.setDefaultItemLabelFont(ChartLook.font(Font.PLAIN, two ? 10 : 12));
    renderer.setDefaultItemLabelPaint(ChartLook.TEXT);
    renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12,
        TextAnchor.BOTTOM_CENTER));

    CategoryAxis x = new CategoryAxis(null);
    x.setTickLabelFont(ChartLook.font(Font.PLAIN, 13));
    CategoryNames.wholeNames(x, labels, WIDTH);
    NumberAxis y = new NumberAxis("songs");
    y.setLabelFont(ChartLook.LABEL);
    y.setTickLabelFont(ChartLook.TICK);
    y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    y.setUpperMargin(0.15);
    CategoryPlot plot = new CategoryPlot(data, x, y, renderer);
    plot.setRangeGridlinePaint(ChartLook.GRID);
    JFreeChart chart = new JFreeChart(null, ChartLook.TITLE, plot, two);
    return ChartLook.style(chart, title, two
        ? firstLabel + ": n = " + ChartLook.count(totals[0]) + "    " + secondLabel + ": n = "
            + ChartLook.count(totals[1])
        : "n = " + ChartLook.count(totals[0]));
  }

  /** "1,234 (12.3%)": the count and its share of its series' total. */
  private static final class CountAndShare extends StandardCategoryItemLabelGenerator {
    private final long[] totals;

    CountAndShare(long[] totals) {
      this.totals = totals;
    }

    @Override
    public String generateLabel(CategoryDataset dataset, int row, int column) {
      long v = dataset.getValue(row, column).longValue();
      long total = totals[row];
      return ChartLook.count(v) + (total == 0 ? "" : " (" + ChartLook.percent((double) v / total) + ")");
    }
  }

  private static long sum(long[] a) {
    long s = 0;
    for (long v : a) {
      s += v;
    }
    return s;
  }

  private static void validate(long[] first, long[] second, List<String> labels) {
    if (first == null || labels == null) {
      throw new IllegalArgumentException("counts and labels must not be null");
    }
    if (first.length == 0) {
      throw new IllegalArgumentException("no classes to draw");
    }
    if (labels.size() != first.length) {
      throw new IllegalArgumentException("labels has " + labels.size() + " entries but there are " + first.length
          + " counts");
    }
    if (second != null && second.length != first.length) {
      throw new IllegalArgumentException("second series has " + second.length + " counts, first has "
          + first.length);
    }
    for (int i = 0; i < first.length; i++) {
      if (first[i] < 0 || second != null && second[i] < 0) {
        throw new IllegalArgumentException("negative count for class " + labels.get(i));
      }
    }
  }
}
