package dev.songmood.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.metrics.ClassificationReport;
import org.junit.jupiter.api.Test;

class SampleSizeCaveatTest {

  @Test
  void eightPerfectSongsGetACaveatWithTheirWideInterval() {
    // the demo's test split: 2 songs per quadrant, all right
    ClassificationReport r = ClassificationReport.of(new long[][] {{2, 0, 0, 0}, {0, 2, 0, 0}, {0, 0, 2, 0},
        {0, 0, 0, 2}});
    String caveat = SampleSizeCaveat.of(r).orElseThrow();
    // Wilson interval of 8/8: centre (1 + 1.96^2/16) / (1 + 1.96^2/8) = 0.8558..., half-width 0.1442...
    assertTrue(caveat.startsWith("Too few songs to mean anything: 8 evaluated, 2 in the smallest quadrant (fewer "
        + "than " + EvaluateConfig.MIN_SONGS_PER_CLASS_DEFAULT + " per quadrant)"), caveat);
    assertTrue(caveat.contains("interval is 0.68-1.00"), caveat);
  }

  @Test
  void enoughSongsInEveryQuadrantGetNone() {
    int n = EvaluateConfig.MIN_SONGS_PER_CLASS_DEFAULT;
    ClassificationReport r = ClassificationReport.of(new long[][] {{n, 0, 0, 0}, {0, n, 0, 0}, {0, 0, n, 0},
        {0, 0, 0, n - 1}});
    assertTrue(SampleSizeCaveat.of(r).isPresent(), "one quadrant short");
    ClassificationReport ok = ClassificationReport.of(new long[][] {{n, 0, 0, 0}, {0, n, 0, 0}, {0, 0, n, 0},
        {1, 0, 0, n}});
    assertTrue(SampleSizeCaveat.of(ok).isEmpty());
  }

  @Test
  void wilsonIntervalMatchesTheFormula() {
    assertArrayEquals(new double[] {0, 1}, SampleSizeCaveat.wilson(0, 0), 0);
    double[] half = SampleSizeCaveat.wilson(50, 100);
    // p = 0.5, n = 100: centre 0.5, half-width 1.96 * sqrt(0.0025 + 0.000096) / 1.0384 = 0.0962
    assertEquals(0.5, (half[0] + half[1]) / 2, 1e-12);
    assertEquals(0.0962, (half[1] - half[0]) / 2, 1e-4);
  }
}
