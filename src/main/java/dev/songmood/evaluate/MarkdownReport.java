package dev.songmood.evaluate;

import dev.songmood.Quadrant;
import dev.songmood.metrics.CalibrationMetrics;
import dev.songmood.metrics.ClassificationReport;
import dev.songmood.metrics.CoverageMetrics;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;

/** The readable form of a {@link Report}: Markdown tables and the pictures beside it. */
public final class MarkdownReport {
  private MarkdownReport() {
  }

  public static String render(Report report) {
    StringBuilder md = new StringBuilder();
    ClassificationReport m = report.model();
    md.append("# ").append(report.title()).append("\n\n");
    for (Map.Entry<String, String> e : report.context().entrySet()) {
      md.append("- **").append(e.getKey()).append("**: ").append(e.getValue()).append('\n');
    }
    md.append("\n## Summary\n\n");
    SampleSizeCaveat.of(m).ifPresent(caveat -> md.append("> **Caveat.** ").append(caveat).append("\n\n"));
    md.append("| model | songs | accuracy | macro precision | macro recall | macro F1 | weighted F1 |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|\n");
    summaryLine(md, "model", m);
    for (Map.Entry<String, ClassificationReport> e : report.baselines().entrySet()) {
      summaryLine(md, e.getKey(), e.getValue());
    }
    md.append("\n## Per quadrant\n\n");
    md.append("| quadrant | emotions | precision | recall | F1 | support |\n|---|---|---:|---:|---:|---:|\n");
    for (Quadrant q : Quadrant.values()) {
      int k = q.id();
      md.append("| ").append(q.name()).append(" (").append(q.mood()).append(") | ").append(q.emotions())
          .append(" | ").append(f(m.precision(k))).append(" | ").append(f(m.recall(k))).append(" | ")
          .append(f(m.f1(k))).append(" | ").append(m.support(k)).append(" |\n");
    }
    md.append("\n## Confusion matrix (rows: actual, columns: predicted)\n\n");
    md.append("![confusion matrix](").append(ReportWriter.CONFUSION_PNG).append(")\n\n");
    md.append("| actual \\ predicted |");
    for (Quadrant q : Quadrant.values()) {
      md.append(' ').append(q.name()).append(" |");
    }
    md.append("\n|---|---:|---:|---:|---:|\n");
    long[][] c = m.confusion();
    for (Quadrant a : Quadrant.values()) {
      md.append("| ").append(a.name()).append(" |");
      for (Quadrant p : Quadrant.values()) {
        md.append(' ').append(c[a.id()][p.id()]).append(" |");
      }
      md.append('\n');
    }
    md.append("\n![class balance](").append(ReportWriter.BALANCE_PNG).append(")\n");
    calibration(md, report.calibration());
    coverage(md, report.coverage());
    if (!report.trials().isEmpty()) {
      md.append("\n## Hyperparameter trials (best first)\n\n");
      md.append("| trial | parameters | validation macro F1 | validation accuracy | folds | seconds |\n");
      md.append("|---:|---|---:|---:|---:|---:|\n");
      report.trials().stream().sorted(Comparator.comparingDouble(Trial::macroF1).reversed()).forEach(t ->
          md.append("| ").append(t.number()).append(" | ").append(t.params()).append(" | ").append(f(t.macroF1()))
              .append(" | ").append(f(t.accuracy())).append(" | ").append(t.folds()).append(" | ")
              .append(String.format(Locale.ROOT, "%.1f", t.seconds())).append(" |\n"));
    }
    return md.toString();
  }

  /** ECE and NLL per series, the reliability diagram, and each series' bins. */
  private static void calibration(StringBuilder md, Map<String, CalibrationMetrics.Result> calibration) {
    if (calibration.isEmpty()) {
      return;
    }
    md.append("\n## Calibration (confidence = largest probability, ").append(CalibrationMetrics.BINS_DEFAULT)
        .append(" equal-width bins)\n\n");
    md.append("| probabilities | songs | ECE | NLL | mean confidence | accuracy |\n|---|---:|---:|---:|---:|---:|\n");
    calibration.forEach((name, r) -> md.append("| ").append(name).append(" | ").append(r.total()).append(" | ")
        .append(f(r.ece())).append(" | ").append(f(r.nll())).append(" | ").append(f(r.meanConfidence()))
        .append(" | ").append(f(r.accuracy())).append(" |\n"));
    md.append("\n![reliability diagram](").append(ReportWriter.RELIABILITY_PNG).append(")\n\n");
    md.append("| probabilities | confidence bin | songs | mean confidence | accuracy |\n|---|---|---:|---:|---:|\n");
    calibration.forEach((name, r) -> r.bins().forEach(b -> md.append("| ").append(name).append(" | ")
        .append(String.format(Locale.ROOT, "%.1f-%.1f", b.lower(), b.upper())).append(" | ").append(b.count())
        .append(" | ").append(b.empty() ? "-" : f(b.meanConfidence())).append(" | ")
        .append(b.empty() ? "-" : f(b.accuracy())).append(" |\n")));
  }

  /** The accuracy-at-coverage table and its curve. */
  private static void coverage(StringBuilder md, CoverageMetrics.Result coverage) {
    if (coverage.levels().isEmpty()) {
      return;
    }
    md.append("\n## Coverage (the most confident songs: what a confidence threshold keeps)\n\n");
    md.append("Songs sorted by confidence; each row keeps every song whose confidence is at least the threshold "
        + "(the least confident song kept), so songs tied at it are all kept. `label --min-confidence` with that "
        + "threshold marks the others `uncertain`.\n\n");
    md.append("| coverage | songs kept | confidence threshold | accuracy | macro F1 |\n|---:|---:|---:|---:|---:|\n");
    coverage.levels().forEach(l -> md.append("| ").append(String.format(Locale.ROOT, "%.0f%%", l.coverage() * 100))
        .append(" | ").append(l.songs()).append(" of ").append(coverage.total()).append(" | ").append(f(l.threshold()))
        .append(" | ").append(f(l.accuracy())).append(" | ").append(f(l.macroF1())).append(" |\n"));
    md.append("\n![coverage curve](").append(ReportWriter.COVERAGE_PNG).append(")\n");
  }

  private static void summaryLine(StringBuilder md, String name, ClassificationReport r) {
    md.append("| ").append(name).append(" | ").append(r.total()).append(" | ").append(f(r.accuracy())).append(" | ")
        .append(f(r.macroPrecision())).append(" | ").append(f(r.macroRecall())).append(" | ")
        .append(f(r.macroF1())).append(" | ").append(f(r.weightedF1())).append(" |\n");
  }

  static String f(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
