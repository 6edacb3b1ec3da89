package dev.songmood.profile;

import dev.songmood.Quadrant;
import dev.songmood.charts.ClassBalanceChart;
import dev.songmood.charts.HistogramChart;
import dev.songmood.charts.ValenceArousalChart;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The profile as one self-contained HTML page: styles inline, every chart a PNG in a {@code data:} URI, no script
 * from anywhere (one inline line reports, once loaded, how many charts the browser drew), so it opens from a file
 * or a download with no server.
 */
final class ProfilePage {
  private final Profile p;
  private final StringBuilder html = new StringBuilder(256 * 1024);

  private ProfilePage(Profile p) {
    this.p = p;
  }

  static String render(Profile p) {
    return new ProfilePage(p).page();
  }

  private String page() {
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Profile of ")
        .append(esc(p.input)).append("</title><style>body{font-family:sans-serif;margin:2em auto;max-width:1100px;"
            + "color:#222}h2{border-bottom:2px solid #4c72b0;padding-bottom:4px;margin-top:2em}table{border-collapse:"
            + "collapse;margin:0.5em 0}td,th{padding:3px 10px;border-bottom:1px solid #ddd;text-align:left}"
            + "td.n{text-align:right}.alert{display:inline-block;background:#dd8452;color:#fff;border-radius:3px;"
            + "padding:1px 6px;font-size:0.85em;margin-right:6px}.var{border:1px solid #ddd;padding:0.5em 1em;"
            + "margin:1em 0}.row{display:flex;gap:2em;flex-wrap:wrap}.note{color:#5f6368}img{max-width:100%}"
            + "</style></head><body>\n");
    html.append("<h1>Profile of ").append(esc(p.input)).append("</h1>\n<p class=\"note\">Computed by Spark over "
        + "every row. ").append(p.exact() ? "Every count, median and centre is exact (fewer than "
            + count(ProfileConfig.EXACT_ROWS_DEFAULT) + " rows)" : "Values marked ≈ are approximate: distinct counts "
            + "(HyperLogLog++, relative error about " + pct(ProfileConfig.DISTINCT_RSD_DEFAULT) + "; exact where at "
            + "most " + count(ProfileConfig.EXACT_DISTINCT_DEFAULT) + "), medians and the labels' centre "
            + "(percentile_approx); duplicate rows and ids are exact")
        .append("; the scatter plot shows a random sample. <span id=\"rendered\"></span></p>\n");
    section("overview", "Overview");
    alerts();
    variables();
    lyrics();
    labels();
    html.append("<script>window.addEventListener('load',function(){var i=document.images,n=0;for(var k=0;"
        + "k<i.length;k++){if(i[k].complete&&i[k].naturalWidth>0)n++;}document.getElementById('rendered')"
        + ".textContent='Charts drawn: '+n+' of '+i.length+'.';});</script>\n</body></html>\n");
    return html.toString();
  }

  private void section(String name, String heading) {
    html.append("<h2>").append(heading).append("</h2>\n<table>");
    for (Profile.Stat s : p.stats) {
      if (s.section().equals(name)) {
        html.append("<tr><th>").append(esc(s.name())).append("</th><td class=\"n\">")
            .append(s.approximate() ? "≈ " : "").append(number(s.name(), s.value())).append("</td></tr>");
      }
    }
    html.append("</table>\n");
  }

  private void alerts() {
    html.append("<h2>Alerts</h2>\n");
    if (p.alerts.isEmpty()) {
      html.append("<p>No alerts.</p>\n");
    }
    for (Profile.Alert a : p.alerts) {
      html.append("<div><span class=\"alert\">").append(esc(a.alert())).append("</span>").append(esc(a.detail()))
          .append("</div>\n");
    }
  }

  private void variables() {
    html.append("<h2>Variables</h2>\n");
    for (Profile.Column c : p.columns) {
      long rows = c.nonNull() + c.missing();
      html.append("<div class=\"var\"><h3>").append(esc(c.name())).append(" <small class=\"note\">")
          .append(esc(c.type())).append("</small></h3><div class=\"row\"><table>")
          .append(row("distinct", (c.distinctApproximate() ? "≈ " : "") + count(c.distinct())))
          .append(row("missing", count(c.missing()) + " ("
              + pct(rows == 0 ? 0 : (double) c.missing() / rows) + ")"));
      if (c.min() != null) {
        html.append(row("min", num(c.min()))).append(row("max", num(c.max()))).append(row("mean", num(c.mean())))
            .append(row("std. dev.", c.stddev() == null ? "" : num(c.stddev())));
      }
      html.append("</table>");
      List<Profile.Bin> bins = p.bins(c.name());
      if (!bins.isEmpty()) {
        histogram(c.name(), bins, c.name(), Double.NaN, null);
      }
      frequentTable(p.frequent("value", c.name()), "value");
      html.append("</div></div>\n");
    }
  }

  private void lyrics() {
    if (p.bins(TextStats.TOKENS).isEmpty()) {
      return;
    }
    section("lyrics", "Lyrics");
    html.append("<div class=\"row\">");
    histogram(TextStats.CHARS, p.bins(TextStats.CHARS), "characters", Double.NaN, null);
    histogram(TextStats.WORDS, p.bins(TextStats.WORDS), "words", Double.NaN, null);
    histogram(TextStats.TOKENS, p.bins(TextStats.TOKENS), "WordPiece tokens (" + LyricsMeasures.ENCODER.id() + ")",
        LyricsMeasures.chunkBudget(), "chunk budget " + LyricsMeasures.chunkBudget());
    html.append("</div><h3>Language</h3>");
    frequentTable(p.frequent("language", "lyrics"), "language");
    html.append("<div class=\"row\"><div><h3>Most frequent words before cleaning</h3>");
    frequentTable(p.frequent("word_raw", "lyrics"), "word");
    html.append("</div><div><h3>Most frequent words after cleaning</h3>");
    frequentTable(p.frequent("word_clean", "lyrics"), "word");
    html.append("</div></div>\n");
  }

  private void labels() {
    List<Profile.Frequent> balance = p.frequent("quadrant", "labels");
    if (balance.isEmpty() && p.scatter == null) {
      return;
    }
    section("labels", "Labels");
    if (!balance.isEmpty()) {
      long[] counts = new long[Quadrant.COUNT];
      List<String> names = new java.util.ArrayList<>();
      for (Quadrant q : Quadrant.values()) {
        names.add(q.name() + " " + q.mood());
      }
      balance.forEach(f -> counts[f.rank() - 1] = f.count());
      image("class balance", ClassBalanceChart.png(counts, "songs", null, null, names, "Class balance"));
    }
    if (p.scatter != null) {
      Profile.Scatter s = p.scatter;
      image("valence/arousal scatter", ValenceArousalChart.png(s.valence(), s.arousal(), s.quadrant(),
          s.valenceCentre(), s.arousalCentre(), String.format(Locale.ROOT, "Valence / arousal (a sample of %,d of "
              + "%,d songs)", s.valence().length, s.songs()), ProfileConfig.SCATTER_POINTS_DEFAULT));
    }
    html.append("<h3>Correlations (Pearson)</h3><table><tr><th>column</th><th>column</th><th>r</th></tr>");
    for (Profile.Correlation r : p.correlations) {
      html.append("<tr><td>").append(esc(r.a())).append("</td><td>").append(esc(r.b())).append("</td><td class=\"n\">")
          .append(String.format(Locale.ROOT, "%.3f", r.pearson())).append("</td></tr>");
    }
    html.append("</table>\n");
  }

  private void frequentTable(List<Profile.Frequent> rows, String what) {
    if (rows.isEmpty()) {
      return;
    }
    html.append("<table><tr><th>").append(what).append("</th><th>count</th><th>%</th></tr>");
    for (Profile.Frequent f : rows) {
      html.append("<tr><td>").append(esc(f.value())).append("</td><td class=\"n\">").append(count(f.count()))
          .append("</td><td class=\"n\">").append(pct(f.share())).append("</td></tr>");
    }
    html.append("</table>");
  }

  private void histogram(String title, List<Profile.Bin> bins, String xLabel, double marker, String markerLabel) {
    double[] edges = new double[bins.size() + 1];
    long[] counts = new long[bins.size()];
    for (int i = 0; i < bins.size(); i++) {
      edges[i] = bins.get(i).lower();
      edges[i + 1] = bins.get(i).upper();
      counts[i] = bins.get(i).count();
    }
    long n = java.util.Arrays.stream(counts).sum();
    image(title + " histogram", HistogramChart.png(edges, counts, xLabel, title, "n = " + count(n), marker,
        markerLabel));
  }

  private void image(String alt, byte[] png) {
    html.append("<img alt=\"").append(esc(alt)).append("\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png)).append("\">");
  }

  private static String row(String k, String v) {
    return "<tr><th>" + k + "</th><td class=\"n\">" + esc(v) + "</td></tr>";
  }

  private static String number(String name, double v) {
    return name.contains("share") ? pct(v) : v == Math.rint(v) && Math.abs(v) < 1e15 ? count((long) v) : num(v);
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String num(double v) {
    return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%,.1f", v) : String.format(Locale.ROOT, "%.4g", v);
  }

  private static String pct(double share) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }

  static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
