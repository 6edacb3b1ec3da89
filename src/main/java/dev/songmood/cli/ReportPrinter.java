package dev.songmood.cli;

import dev.songmood.Quadrant;
import dev.songmood.metrics.ClassificationReport;
import dev.songmood.evaluate.PairedBootstrap;
import dev.songmood.evaluate.SampleSizeCaveat;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** The console form of a report: what a person running the job reads first. */
final class ReportPrinter {
  private ReportPrinter() {
  }

  /**
   * One line per measured candidate: the benchmark table of a search, with the paired-bootstrap 95% intervals of
   * macro-F1 and of its difference to the first (reference) candidate where they were computed.
   */
  static void comparison(Map<String, ClassificationReport> reports, Map<String, PairedBootstrap.Result> intervals,
      String chosen, PrintStream out) {
    if (reports.size() < 2) {
      return;
    }
    String reference = reports.keySet().iterator().next();
    out.println();
    out.printf("%-92s %8s %8s %6s %6s %6s %6s %16s %25s%n", "held-out, same run", "accuracy", "macro-F1", "F1 Q1",
        "F1 Q2", "F1 Q3", "F1 Q4", "macro-F1 95% CI", "vs " + reference);
    for (var e : reports.entrySet()) {
      ClassificationReport r = e.getValue();
      PairedBootstrap.Result b = intervals.get(e.getKey());
      out.printf(Locale.ROOT, "%-92s %8.4f %8.4f %6.3f %6.3f %6.3f %6.3f %16s %25s%n",
          (e.getKey().equals(chosen) ? "* " : "  ") + e.getKey(), r.accuracy(), r.macroF1(), r.f1(0), r.f1(1),
          r.f1(2), r.f1(3), b == null ? "" : b.interval().toString(),
          b == null ? "" : String.format(Locale.ROOT, "%+.3f %s", b.difference(), b.differenceInterval()));
    }
    out.println("(* chosen by validation macro-F1; intervals: paired bootstrap over the held-out songs, 1,000 "
        + "resamples)");
  }

  static void print(ClassificationReport r, PrintStream out) {
    out.printf("songs %d  accuracy %.4f  macro-F1 %.4f  weighted-F1 %.4f%n", r.total(), r.accuracy(), r.macroF1(),
        r.weightedF1());
    out.println("quadrant   precision  recall     f1         support");
    for (Quadrant q : Quadrant.values()) {
      int k = q.id();
      out.printf("%-10s %-10.4f %-10.4f %-10.4f %d%n", q.name() + " " + q.mood(), r.precision(k), r.recall(k),
          r.f1(k), r.support(k));
    }
    SampleSizeCaveat.of(r).ifPresent(caveat -> out.println("caveat: " + caveat));
  }
}
