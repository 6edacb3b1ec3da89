package dev.songmood.notebook;

import dev.songmood.input.LabelScale;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Songs on Russell's plane at the model's own valence/arousal estimates ({@code -- chart: plane x=valence
 * y=arousal group=mood faded=uncertain scale=1..9}), on fixed axes that cover the label scale (widened only to
 * show a song outside it). Songs the {@code faded} column marks true form their own faded series ("happy
 * (uncertain)"). Rows without an estimate are not placed: the subtitle counts them, and when no row has one (a model
 * that only gives quadrant probabilities) the title says so and the plane stays empty, rather than drawing clusters
 * made from probabilities.
 */
final class PlaneChart {
  static final String UNCERTAIN = " (uncertain)";
  static final String NO_ESTIMATES = "no song placed (this model gives only quadrant probabilities, no "
      + "valence/arousal estimates)";
  /** Alpha of an uncertain song's point (out of 255). */
  static final int FADED_ALPHA = 60;

  private PlaneChart() {
  }

  static JFreeChart of(List<Row> rows, int x, int y, int group, int faded, List<String> columns, String title,
      LabelScale scale) {
    Map<String, XYSeries> series = new LinkedHashMap<>();
    long placed = 0;
    long missing = 0;
    double lo = scale.min();
    double hi = scale.max();
    for (Row r : rows) {
      if (r.isNullAt(x) || r.isNullAt(y)) {
        missing++;
        continue;
      }
      double v = ((Number) r.get(x)).doubleValue();
      double a = ((Number) r.get(y)).doubleValue();
      lo = Math.min(lo, Math.min(v, a));
      hi = Math.max(hi, Math.max(v, a));
      String name = group < 0 ? columns.get(y) : String.valueOf(r.get(group));
      boolean uncertain = faded >= 0 && !r.isNullAt(faded) && Boolean.TRUE.equals(r.get(faded));
      series.computeIfAbsent(uncertain ? name + UNCERTAIN : name, XYSeries::new).add(v, a);
      placed++;
    }
    XYSeriesCollection data = new XYSeriesCollection();
    series.values().forEach(data::addSeries);
    String shown = placed == 0 && missing > 0 ? (title.isEmpty() ? "" : title + ": ") + NO_ESTIMATES : title;
    JFreeChart chart = ChartFactory.createScatterPlot(shown, columns.get(x) + " (model's estimate)",
        columns.get(y) + " (model's estimate)", data, PlotOrientation.VERTICAL, group >= 0, false, false);
    if (placed > 0 && missing > 0) {
      chart.addSubtitle(new TextTitle(String.format(Locale.ROOT, "%,d of %,d songs have no estimate and are not "
          + "placed", missing, placed + missing)));
    }
    XYPlot plot = chart.getXYPlot();
    double pad = (hi - lo) * 0.02;
    plot.getDomainAxis().setRange(lo - pad, hi + pad);
    plot.getRangeAxis().setRange(lo - pad, hi + pad);
    BasicStroke dashed = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f},
        0f);
    plot.addDomainMarker(new ValueMarker(scale.middle(), Color.GRAY, dashed));
    plot.addRangeMarker(new ValueMarker(scale.middle(), Color.GRAY, dashed));
    return chart;
  }

  /** An uncertain series' colour: its group's, faded. */
  static Color faded(Color c) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), FADED_ALPHA);
  }
}
