package dev.songmood.notebook;

import dev.songmood.charts.CategoryNames;
import dev.songmood.input.LabelScale;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A picture of a notebook cell's result, asked for by a comment line in the cell (Spark SQL ignores it):
 * <pre>
 *   -- chart: bar x=mood y=songs                      one bar per row
 *   -- chart: bar x=genre y=songs group=mood          bars side by side, one colour per group
 *   -- chart: stacked x=genre y=songs group=mood      the same, stacked
 *   -- chart: line x=night y=labelled                 a line through the rows in order
 *   -- chart: scatter x=valence y=arousal group=mood  points, one colour per group (centre lines at 0)
 *   -- chart: plane x=valence y=arousal group=mood faded=uncertain scale=1..9
 *                                                     songs at the model's estimates on fixed axes ({@link PlaneChart})
 * </pre>
 * An optional {@code title="..."} names the chart. Category names are shown whole and counts get whole-number ticks
 * ({@link dev.songmood.charts.CategoryNames}). Drawn with JFreeChart, headless, as PNG.
 */
public final class CellChart {
  private static final Pattern DIRECTIVE = Pattern.compile("(?m)^\\s*--\\s*chart:\\s*(\\w+)(.*)$");
  private static final Pattern ARG = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)");
  /** One colour per quadrant, the same in every chart, by quadrant name or mood word. */
  private static final Map<String, Color> QUADRANT_COLOURS = Map.of(
      "Q1", new Color(0xF2A900), "happy", new Color(0xF2A900), "Q2", new Color(0xD62728), "angry", new Color(0xD62728),
      "Q3", new Color(0x1F77B4), "sad", new Color(0x1F77B4), "Q4", new Color(0x2CA02C), "relaxed", new Color(0x2CA02C));
  static final int WIDTH = 720;
  static final int HEIGHT = 420;

  private final String type;
  private final Map<String, String> args;

  private CellChart(String type, Map<String, String> args) {
    this.type = type;
    this.args = args;
  }

  /** The chart a cell's source asks for, if any; a bad directive fails with the reason. */
  public static Optional<CellChart> of(String source) {
    Matcher m = DIRECTIVE.matcher(source);
    if (!m.find()) {
      return Optional.empty();
    }
    Map<String, String> args = new LinkedHashMap<>();
    Matcher a = ARG.matcher(m.group(2));
    while (a.find()) {
      args.put(a.group(1), a.group(2).replaceAll("^\"|\"$", ""));
    }
    String type = m.group(1).toLowerCase();
    if (!List.of("bar", "stacked", "line", "scatter", "plane").contains(type)) {
      throw new IllegalArgumentException("chart type " + type + ": use bar, stacked, line, scatter or plane");
    }
    if (args.containsKey("scale")) {
      LabelScale.parse(args.get("scale"));
    }
    if (!args.containsKey("x") || !args.containsKey("y")) {
      throw new IllegalArgumentException("chart: " + type + " needs x=COLUMN and y=COLUMN");
    }
    return Optional.of(new CellChart(type, args));
  }

  /** The PNG of {@code rows} (the cell's result, with these {@code columns}). */
  public byte[] png(List<String> columns, List<Row> rows) {
    BufferedImage image = chart(columns, rows).createBufferedImage(WIDTH, HEIGHT);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The chart before rendering (tests read its axes, labels and series). */
  JFreeChart chart(List<String> columns, List<Row> rows) {
    int x = column(columns, "x");
    int y = column(columns, "y");
    int group = args.containsKey("group") ? column(columns, "group") : -1;
    String title = args.getOrDefault("title", "");
    JFreeChart chart = switch (type) {
      case "scatter" -> scatter(rows, x, y, group, columns, title);
      // a result without the faded column (an older table) fades nothing
      case "plane" -> PlaneChart.of(rows, x, y, group, columns.indexOf(args.getOrDefault("faded", "")), columns,
          title, args.containsKey("scale") ? LabelScale.parse(args.get("scale")) : LabelScale.MUSE);
      default -> categories(rows, x, y, group, columns, title);
    };
    chart.setBackgroundPaint(Color.WHITE);
    chart.getPlot().setBackgroundPaint(Color.WHITE);
    colourQuadrants(chart);
    return chart;
  }

  private JFreeChart categories(List<Row> rows, int x, int y, int group, List<String> columns, String title) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Row r : rows) {
      if (r.isNullAt(x) || r.isNullAt(y)) {
        continue;
      }
      String series = group < 0 ? columns.get(y) : String.valueOf(r.get(group));
      data.addValue(((Number) r.get(y)).doubleValue(), series, String.valueOf(r.get(x)));
    }
    String xLabel = columns.get(x);
    String yLabel = columns.get(y);
    JFreeChart chart = switch (type) {
      case "stacked" -> ChartFactory.createStackedBarChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
          group >= 0, false, false);
      case "line" -> ChartFactory.createLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
          group >= 0, false, false);
      default -> ChartFactory.createBarChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, group >= 0,
          false, false);
    };
    CategoryPlot plot = chart.getCategoryPlot();
    if (plot.getRenderer() instanceof LineAndShapeRenderer line) {
      line.setDefaultShapesVisible(true);  // a line through one row is a point, not nothing
    }
    List<String> names = new ArrayList<>();
    data.getColumnKeys().forEach(k -> names.add(String.valueOf(k)));
    CategoryNames.wholeNames(plot.getDomainAxis(), names, WIDTH);
    List<Double> values = new ArrayList<>();
    for (int r = 0; r < data.getRowCount(); r++) {
      for (int c = 0; c < data.getColumnCount(); c++) {
        Number n = data.getValue(r, c);
        if (n != null) {
          values.add(n.doubleValue());
        }
      }
    }
    CategoryNames.integerTicksIfWhole((NumberAxis) plot.getRangeAxis(), values);
    return chart;
  }

  private static JFreeChart scatter(List<Row> rows, int x, int y, int group, List<String> columns, String title) {
    Map<String, XYSeries> series = new LinkedHashMap<>();
    for (Row r : rows) {
      if (r.isNullAt(x) || r.isNullAt(y)) {
        continue;
      }
      String name = group < 0 ? columns.get(y) : String.valueOf(r.get(group));
      series.computeIfAbsent(name, XYSeries::new)
          .add(((Number) r.get(x)).doubleValue(), ((Number) r.get(y)).doubleValue());
    }
    XYSeriesCollection data = new XYSeriesCollection();
    series.values().forEach(data::addSeries);
    JFreeChart chart = ChartFactory.createScatterPlot(title, columns.get(x), columns.get(y), data,
        PlotOrientation.VERTICAL, group >= 0, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.addDomainMarker(new ValueMarker(0, Color.GRAY, new java.awt.BasicStroke(1f)));
    plot.addRangeMarker(new ValueMarker(0, Color.GRAY, new java.awt.BasicStroke(1f)));
    return chart;
  }

  /** Series named after a quadrant or its mood get that quadrant's colour (faded for its uncertain songs). */
  private static void colourQuadrants(JFreeChart chart) {
    if (chart.getPlot() instanceof XYPlot xy) {
      for (int i = 0; i < xy.getDataset().getSeriesCount(); i++) {
        String key = String.valueOf(xy.getDataset().getSeriesKey(i));
        boolean faded = key.endsWith(PlaneChart.UNCERTAIN);
        Color c = QUADRANT_COLOURS.get(faded ? key.substring(0, key.length() - PlaneChart.UNCERTAIN.length()) : key);
        if (c != null) {
          xy.getRenderer().setSeriesPaint(i, faded ? PlaneChart.faded(c) : c);
        }
      }
    } else if (chart.getPlot() instanceof org.jfree.chart.plot.CategoryPlot cat) {
      for (int i = 0; i < cat.getDataset().getRowCount(); i++) {
        Color c = QUADRANT_COLOURS.get(String.valueOf(cat.getDataset().getRowKey(i)));
        if (c != null) {
          cat.getRenderer().setSeriesPaint(i, c);
        }
      }
    }
  }

  private int column(List<String> columns, String role) {
    int i = columns.indexOf(args.get(role));
    if (i < 0) {
      throw new IllegalArgumentException("chart: " + role + "=" + args.get(role) + " is not a column of the result "
          + columns);
    }
    return i;
  }
}
