package dev.songmood.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.CategoryTick;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.text.TextLine;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;

/** The notebook's charts, read from their models: axis ranges, tick units, category labels, series and titles. */
class CellChartTest extends SparkTestBase {
  private static final List<String> PLANE_COLUMNS = List.of("valence", "arousal", "mood", "id", "uncertain");
  private static final String PLANE = "-- chart: plane x=valence y=arousal group=mood faded=uncertain scale=1..9 "
      + "title=\"Songs on Russell's plane\"";

  private static JFreeChart chart(String directive, List<String> columns, List<Row> rows) {
    return CellChart.of(directive).orElseThrow().chart(columns, rows);
  }

  /** Lays the chart out as the PNG does; returns the graphics and the data area. */
  private static Object[] draw(JFreeChart chart) {
    Graphics2D g2 = new BufferedImage(CellChart.WIDTH, CellChart.HEIGHT, BufferedImage.TYPE_INT_ARGB).createGraphics();
    ChartRenderingInfo info = new ChartRenderingInfo();
    chart.draw(g2, new Rectangle2D.Double(0, 0, CellChart.WIDTH, CellChart.HEIGHT), info);
    return new Object[] {g2, info.getPlotInfo().getDataArea()};
  }

  @Test
  void planePlacesSongsAtTheModelsEstimatesOnTheWholeScaleWithUncertainOnesFaded() {
    List<Row> rows = List.of(RowFactory.create(6.1, 5.2, "happy", "a", false),
        RowFactory.create(5.9, 5.0, "happy", "b", true), RowFactory.create(4.2, 4.4, "sad", "c", false),
        RowFactory.create(null, null, "sad", "d", false));
    JFreeChart chart = chart(PLANE, PLANE_COLUMNS, rows);
    XYPlot plot = chart.getXYPlot();
    for (ValueAxis axis : List.of(plot.getDomainAxis(), plot.getRangeAxis())) {
      assertTrue(axis.getLowerBound() <= 1 && axis.getLowerBound() > 0.8, "from 1: " + axis.getRange());
      assertTrue(axis.getUpperBound() >= 9 && axis.getUpperBound() < 9.2, "to 9: " + axis.getRange());
    }
    List<String> series = new ArrayList<>();
    for (int i = 0; i < plot.getDataset().getSeriesCount(); i++) {
      series.add(String.valueOf(plot.getDataset().getSeriesKey(i)));
    }
    assertEquals(List.of("happy", "happy (uncertain)", "sad"), series);
    assertEquals(5.9, plot.getDataset().getXValue(1, 0), 0, "the uncertain song sits at its own estimate");
    Color sure = (Color) plot.getRenderer().getSeriesPaint(0);
    Color unsure = (Color) plot.getRenderer().getSeriesPaint(1);
    assertEquals(255, sure.getAlpha());
    assertEquals(PlaneChart.FADED_ALPHA, unsure.getAlpha());
    assertEquals(sure.getRGB() & 0xFFFFFF, unsure.getRGB() & 0xFFFFFF, "same quadrant colour, faded");
    assertEquals("Songs on Russell's plane", chart.getTitle().getText());
    assertTrue(chart.getSubtitles().stream().anyMatch(t -> t instanceof org.jfree.chart.title.TextTitle tt
        && tt.getText().equals("1 of 4 songs have no estimate and are not placed")), "the missing song is counted");
  }

  @Test
  void planeWithOnlyProbabilitiesSaysSoInsteadOfDrawingClusters() {
    List<Row> rows = List.of(RowFactory.create(null, null, "happy", "a"), RowFactory.create(null, null, "sad", "b"));
    JFreeChart chart = chart(PLANE, List.of("valence", "arousal", "mood", "id"), rows);  // no uncertain column
    assertTrue(chart.getTitle().getText().contains(PlaneChart.NO_ESTIMATES), chart.getTitle().getText());
    assertEquals(0, chart.getXYPlot().getDataset().getSeriesCount());
    assertEquals(1.0, chart.getXYPlot().getDomainAxis().getLowerBound(), 0.2);
    assertEquals(9.0, chart.getXYPlot().getRangeAxis().getUpperBound(), 0.2);
  }

  @Test
  void categoryNamesAreWholeAndCountsGetWholeNumberTicks() {
    // Ten names too wide to lie side by side: turned upright, wrapped, whole. (Upright names over ~30 characters can
    // still be cut: JFreeChart wraps them against the plot's height, which long labels squeeze.)
    List<String> artists = List.of("Everlasting Neon Tailors", "Eve", "The Quiet Lanterns", "Marigold Static",
        "Paper Harbour", "Velvet Avalanche", "Sundial Parade", "Cobalt Kitchen", "Everglade Society", "Lowlight");
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < artists.size(); i++) {
      rows.add(RowFactory.create(artists.get(i), "happy", (long) (i % 3 + 1)));
    }
    assertWhole(chart("-- chart: stacked x=artist y=songs group=mood", List.of("artist", "mood", "songs"), rows),
        artists);
    List<Row> moods = List.of(RowFactory.create("happy", 1L), RowFactory.create("angry", 3L),
        RowFactory.create("sad", 2L), RowFactory.create("relaxed", 0L));
    assertWhole(chart("-- chart: bar x=mood y=songs", List.of("mood", "songs"), moods),
        List.of("happy", "angry", "sad", "relaxed"));

    List<Row> shares = List.of(RowFactory.create("Q1", 0.41), RowFactory.create("Q2", 0.47));
    JFreeChart f1 = chart("-- chart: bar x=quadrant y=f1", List.of("quadrant", "f1"), shares);
    draw(f1);
    assertTrue(((NumberAxis) f1.getCategoryPlot().getRangeAxis()).getTickUnit().getSize() < 1,
        "fractions keep fractional ticks");
  }

  /** Every category's tick label, its lines joined, is its whole name; the count axis ticks whole numbers. */
  private static void assertWhole(JFreeChart chart, List<String> names) {
    Object[] drawn = draw(chart);
    CategoryPlot plot = chart.getCategoryPlot();
    List<?> ticks = plot.getDomainAxis().refreshTicks((Graphics2D) drawn[0], new AxisState(),
        (Rectangle2D) drawn[1], RectangleEdge.BOTTOM);
    assertEquals(names.size(), ticks.size());
    for (Object t : ticks) {
      CategoryTick tick = (CategoryTick) t;
      StringBuilder text = new StringBuilder();
      for (Object line : tick.getLabel().getLines()) {
        String part = ((TextLine) line).getFirstTextFragment().getText().trim();
        text.append(text.length() == 0 ? "" : " ").append(part);
      }
      assertEquals(String.valueOf(tick.getCategory()), text.toString().trim(), "a whole name, not cut");
    }
    double unit = ((NumberAxis) plot.getRangeAxis()).getTickUnit().getSize();
    assertTrue(unit >= 1 && unit == Math.rint(unit), "counts tick whole numbers: " + unit);
  }

  @Test
  void tableCellsShowArraysMapsAndStructsAsJson() {
    List<Row> rows = spark.sql("SELECT array('a', 'b') AS a, map('k', 1) AS m, named_struct('x', 1.5D, 'y', 'z') AS s,"
        + " 0.25D AS d, CAST(NULL AS ARRAY<STRING>) AS n").collectAsList();
    List<String> columns = List.of("a", "m", "s", "d", "n");
    String text = SqlNotebook.table(columns, rows);
    assertTrue(text.contains("[\"a\",\"b\"] | {\"k\":1} | {\"x\":1.5,\"y\":\"z\"} | 0.2500 | null"), text);
    String html = SqlNotebook.html(columns, rows);
    assertTrue(html.contains("<td>[&quot;a&quot;,&quot;b&quot;]</td>") || html.contains("<td>[\"a\",\"b\"]</td>"),
        html);
    assertFalse(text.contains("WrappedArray") || text.contains("Map(") || html.contains("ArraySeq"), text);
  }
}
