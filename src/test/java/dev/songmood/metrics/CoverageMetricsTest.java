package dev.songmood.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The accuracy-at-coverage table on songs counted by hand. */
public class CoverageMetricsTest {
  /*
   * Eight songs (quadrant ids 0..3), in no particular order:
   *   song  confidence  predicted  truth
   *   e     0.60        0          2      wrong (tied with d)
   *   h     0.30        3          3      right
   *   a     0.90        0          0      right
   *   c     0.70        2          3      wrong
   *   g     0.40        1          0      wrong
   *   b     0.80        1          1      right
   *   f     0.50        2          2      right
   *   d     0.60        3          3      right
   * Confidences from the top: .9 a, .8 b, .7 c, .6 d e, .5 f, .4 g, .3 h. k = ceil(c * 8): 1, 2, 4, 6, 8.
   */
  public static final double[] CONFIDENCE = {0.60, 0.30, 0.90, 0.70, 0.40, 0.80, 0.50, 0.60};
  public static final int[] PREDICTED = {0, 3, 0, 2, 1, 1, 2, 3};
  public static final int[] TRUTH = {2, 3, 0, 3, 0, 1, 2, 3};

  @Test
  void handCountedTable() {
    CoverageMetrics.Result r = CoverageMetrics.of(CONFIDENCE, PREDICTED, TRUTH);
    assertEquals(8, r.total());
    assertEquals(CoverageMetrics.COVERAGES, r.levels().stream().map(CoverageMetrics.Level::coverage).toList());
    // 10%: k = 1, t = 0.9, {a}: 1 of 1 right. F1: Q1 1, the other three have no song and no prediction: 0.
    level(r.levels().get(0), 1, 0.9, 1.0, 1.0 / 4);
    // 25%: k = 2, t = 0.8, {a, b}: both right. F1 Q1 1, Q2 1, Q3 0, Q4 0.
    level(r.levels().get(1), 2, 0.8, 1.0, 2.0 / 4);
    // 50%: k = 4, t = 0.6 (the 4th largest), and e ties d at 0.6: {a, b, c, d, e}, 5 songs; right a, b, d: 3/5.
    //   Q1: predicted a, e (P 1/2), truth a (R 1): F1 2/3. Q2: b, b: F1 1. Q3: predicted c (P 0), truth e: F1 0.
    //   Q4: predicted d (P 1), truth c, d (R 1/2): F1 2/3. Macro (2/3 + 1 + 0 + 2/3) / 4 = 7/12.
    level(r.levels().get(2), 5, 0.6, 3.0 / 5, 7.0 / 12);
    // 75%: k = 6, t = 0.5: {a..f}, 6 songs; right a, b, d, f: 4/6.
    //   Q1 2/3 as above; Q2 1; Q3: predicted c, f (P 1/2), truth e, f (R 1/2): 1/2; Q4 2/3. Macro 17/6 / 4 = 17/24.
    level(r.levels().get(3), 6, 0.5, 4.0 / 6, 17.0 / 24);
    // 100%: k = 8, t = 0.3: all; right a, b, d, f, h: 5/8.
    //   Q1: predicted a, e (P 1/2), truth a, g (R 1/2): 1/2. Q2: predicted b, g (P 1/2), truth b (R 1): 2/3.
    //   Q3: predicted c, f, truth e, f: 1/2. Q4: predicted d, h (P 1), truth c, d, h (R 2/3): 4/5.
    //   Macro (1/2 + 2/3 + 1/2 + 4/5) / 4 = 37/60.
    level(r.levels().get(4), 8, 0.3, 5.0 / 8, 37.0 / 60);
  }

  @Test
  void orderOfTheSongsChangesNothing() {
    int n = CONFIDENCE.length;
    double[] c = new double[n];
    int[] p = new int[n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {  // reversed
      c[i] = CONFIDENCE[n - 1 - i];
      p[i] = PREDICTED[n - 1 - i];
      y[i] = TRUTH[n - 1 - i];
    }
    assertEquals(CoverageMetrics.of(CONFIDENCE, PREDICTED, TRUTH), CoverageMetrics.of(c, p, y));
  }

  @Test
  void aTenthOfThirtySongsIsThreeSongs() {
    // 0.1 * 30 is 3.0000000000000004 in doubles: the most confident 10% must still be 3 songs, not 4.
    double[] c = new double[30];
    int[] p = new int[30];
    int[] y = new int[30];
    for (int i = 0; i < 30; i++) {
      c[i] = 0.25 + i / 100.0;
      y[i] = i % 4;
      p[i] = i >= 27 ? y[i] : (y[i] + 1) % 4;  // only the three most confident are right
    }
    CoverageMetrics.Level tenth = CoverageMetrics.of(c, p, y).levels().get(0);
    assertEquals(3, tenth.songs());
    assertEquals(0.25 + 27 / 100.0, tenth.threshold(), 1e-12);
    assertEquals(1.0, tenth.accuracy(), 1e-12);
    assertEquals(0.1, CoverageMetrics.of(c, p, y).levels().get(4).accuracy(), 1e-12);
  }

  @Test
  void probabilityVectorsTakeTheirArgmax() {
    double[][] probabilities = {{0.7, 0.1, 0.1, 0.1}, {0.2, 0.3, 0.4, 0.1}};
    CoverageMetrics.Result r = CoverageMetrics.of(probabilities, new int[] {0, 1});
    assertEquals(new CoverageMetrics.Level(0.1, 1, 0.7, 1.0, 0.25), r.levels().get(0));
    assertEquals(0.5, r.levels().get(4).accuracy(), 1e-12);
    assertEquals(0.4, r.levels().get(4).threshold(), 1e-12);
  }

  @Test
  void noSongsNoLevels() {
    assertEquals(List.of(), CoverageMetrics.of(new double[0], new int[0], new int[0]).levels());
    assertThrows(IllegalArgumentException.class, () -> CoverageMetrics.of(new double[2], new int[1], new int[2]));
  }

  private static void level(CoverageMetrics.Level l, long songs, double threshold, double accuracy, double f1) {
    assertEquals(songs, l.songs(), "songs at " + l.coverage());
    assertEquals(threshold, l.threshold(), 1e-12, "threshold at " + l.coverage());
    assertEquals(accuracy, l.accuracy(), 1e-12, "accuracy at " + l.coverage());
    assertEquals(f1, l.macroF1(), 1e-12, "macro-F1 at " + l.coverage());
  }
}
