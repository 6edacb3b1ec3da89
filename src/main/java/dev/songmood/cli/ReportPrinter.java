package dev.songmood.cli;

import dev.songmood.Quadrant;
import dev.songmood.evaluate.ClassificationReport;
import java.io.PrintStream;

/** The console form of a report: what a person running the job reads first. */
final class ReportPrinter {
  private ReportPrinter() {
  }

  /** One line per measured candidate: the benchmark table of a search. */
  static void comparison(java.util.Map<String, ClassificationReport> reports, String chosen, PrintStream out) {
    if (reports.size() < 2) {
      return;
    }
    out.println();
    out.printf("%-70s %8s %8s %6s %6s %6s %6s%n", "held-out, same run", "accuracy", "macro-F1", "F1 Q1", "F1 Q2",
        "F1 Q3", "F1 Q4");
    for (var e : reports.entrySet()) {
      ClassificationReport r = e.getValue();
      out.printf("%-70s %8.4f %8.4f %6.3f %6.3f %6.3f %6.3f%n", (e.getKey().equals(chosen) ? "* " : "  ")
          + e.getKey(), r.accuracy(), r.macroF1(), r.f1(0), r.f1(1), r.f1(2), r.f1(3));
    }
    out.println("(* chosen by validation macro-F1)");
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
  }
}
