package dev.songmood.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ClassificationReportTest {
  private static final double EPS = 1e-12;

  // rows actual, columns predicted; class 3 has no support and one false positive
  private final ClassificationReport r = ClassificationReport.of(new long[][] {
      {5, 1, 0, 0},
      {2, 3, 0, 0},
      {0, 0, 4, 1},
      {0, 0, 0, 0}});

  @Test
  void perClassMetricsByHand() {
    assertEquals(5.0 / 7, r.precision(0), EPS);
    assertEquals(5.0 / 6, r.recall(0), EPS);
    assertEquals(10.0 / 13, r.f1(0), EPS);
    assertEquals(0.75, r.precision(1), EPS);
    assertEquals(0.6, r.recall(1), EPS);
    assertEquals(2.0 / 3, r.f1(1), EPS);
    assertEquals(1.0, r.precision(2), EPS);
    assertEquals(0.8, r.recall(2), EPS);
    assertEquals(8.0 / 9, r.f1(2), EPS);
    assertEquals(0.0, r.precision(3), EPS);
    assertEquals(0.0, r.f1(3), EPS);
    assertEquals(6, r.support(0));
    assertEquals(0, r.support(3));
    assertEquals(1, r.predicted(3));
  }

  @Test
  void averagesByHand() {
    assertEquals(16, r.total());
    assertEquals(12.0 / 16, r.accuracy(), EPS);
    assertEquals((10.0 / 13 + 2.0 / 3 + 8.0 / 9) / 4, r.macroF1(), EPS);
    assertEquals((6 * 10.0 / 13 + 5 * 2.0 / 3 + 5 * 8.0 / 9) / 16, r.weightedF1(), EPS);
    assertEquals((5.0 / 7 + 0.75 + 1.0) / 4, r.macroPrecision(), EPS);
  }

  @Test
  void emptyAndMalformedMatrices() {
    ClassificationReport empty = ClassificationReport.of(new long[4][4]);
    assertEquals(0.0, empty.accuracy());
    assertEquals(0.0, empty.macroF1());
    assertThrows(IllegalArgumentException.class, () -> ClassificationReport.of(new long[][] {{1, 2}, {3}}));
  }
}
