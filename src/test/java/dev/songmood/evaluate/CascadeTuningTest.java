package dev.songmood.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The cascade's threshold rule on songs whose scores are written out by hand. */
class CascadeTuningTest {
  // Ten songs: classes 0 and 1 have three each, 2 and 3 two each. The full model errs on song 9 (1 -> 2). The cheap
  // path is right where it is confident (0.6 and up), wrong on song 4 (0 -> 2, confidence 0.5), and right on the
  // low-confidence songs, song 9 included.
  private static final int[] LABELS = {0, 1, 2, 3, 0, 1, 2, 3, 0, 1};
  private static final int[] FULL = {0, 1, 2, 3, 0, 1, 2, 3, 0, 2};
  private static final int[] CHEAP = {0, 1, 2, 3, 2, 1, 2, 3, 0, 1};
  private static final double[] CONFIDENCE = {0.9, 0.8, 0.7, 0.6, 0.5, 0.45, 0.44, 0.43, 0.42, 0.2};
  private final CascadeTuning.Scores scores = new CascadeTuning.Scores(LABELS, CONFIDENCE, CHEAP, FULL);

  @Test
  void cascadeTakesTheCheapAnswerFromTheThresholdUp() {
    assertArrayEquals(new int[] {0, 1, 2, 3, 0, 1, 2, 3, 0, 2}, scores.cascade(0.6));
    assertArrayEquals(new int[] {0, 1, 2, 3, 2, 1, 2, 3, 0, 2}, scores.cascade(0.5));
    assertEquals(0.4, scores.skipped(0.6), 1e-12);
    assertEquals(0.0, scores.skipped(0.95), 1e-12);
  }

  @Test
  void choosesTheLowestThresholdFromWhichEveryHigherOneStaysWithinTolerance() {
    double full = scores.macroF1(FULL);
    assertTrue(scores.macroF1(scores.cascade(0.5)) < full - CascadeTuning.TOLERANCE_DEFAULT, "song 4 costs F1");
    // At 0.2 song 4's error and song 9's repair cancel out (classes 0 and 1 have the same size): a lucky dip.
    assertEquals(full, scores.macroF1(scores.cascade(0.2)), 1e-12);
    assertEquals(0.6, CascadeTuning.choose(scores, CascadeTuning.TOLERANCE_DEFAULT));
    // With a tolerance wide enough for song 4's error, every threshold passes and the lowest is chosen.
    assertEquals(0.2, CascadeTuning.choose(scores, 1.0));
  }

  @Test
  void noThresholdPassesMeansNoSongSkips() {
    CascadeTuning.Scores allWrong = new CascadeTuning.Scores(new int[] {0, 1, 2, 3}, new double[] {0.9, 0.8, 0.7, 0.6},
        new int[] {1, 2, 3, 0}, new int[] {0, 1, 2, 3});
    assertEquals(1.0, CascadeTuning.choose(allWrong, CascadeTuning.TOLERANCE_DEFAULT));
    assertEquals(0.0, allWrong.skipped(1.0));
  }

  @Test
  void comparisonReportsBothMacroF1sTheShareAndThePairedInterval() {
    CascadeTuning.Comparison c = CascadeTuning.compare(scores, 0.6, 42);
    assertEquals(10, c.songs());
    assertEquals(0.4, c.skipped(), 1e-12);
    assertEquals(scores.macroF1(FULL), c.fullMacroF1(), 1e-12);
    assertEquals(c.fullMacroF1(), c.cascadeMacroF1(), 1e-12, "same predictions at 0.6");
    assertEquals(0.0, c.paired().differenceInterval().low(), 1e-12);
    assertEquals(0.0, c.paired().differenceInterval().high(), 1e-12);
    CascadeTuning.Comparison worse = CascadeTuning.compare(scores, 0.5, 42);
    assertTrue(worse.cascadeMacroF1() < worse.fullMacroF1());
    assertTrue(worse.paired().differenceInterval().low() < 0);
  }
}
