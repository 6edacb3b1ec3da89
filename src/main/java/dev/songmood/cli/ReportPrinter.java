package dev.songmood.cli;

import dev.songmood.Quadrant;
import dev.songmood.evaluate.ClassificationReport;
import java.io.PrintStream;

/** The console form of a report: what a person running the job reads first. */
final class ReportPrinter {
  private ReportPrinter() {
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
