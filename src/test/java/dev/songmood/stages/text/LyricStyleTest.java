package dev.songmood.stages.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The style features of a made-up lyric, every value counted by hand below. */
class LyricStyleTest {
  /*
   * Two sections (a blank line between), 8 lines:
   *   0 I walked the empty road      1 You said we will be fine
   *   2 Hold on, hold on!            3 We're gonna shine
   *   --
   *   4 HOLD ON, HOLD ON!            5 we're gonna shine
   *   6 Did you ever know?           7 I'll never leave my town
   * Repeated lines (equal up to case and punctuation): 2, 3, 4, 5 -> 4/8.
   * Block of >= 2 lines that recurs: (2, 3) = (4, 5) -> 4 lines of 8.
   * Words: 5 + 6 + 4 + 3 + 4 + 3 + 4 + 5 = 34; distinct: i walked the empty road you said we will be fine hold on
   *   we're gonna shine did ever know i'll never leave my town = 24 -> 24/34.
   * First person: i, i'll, my = 3; second: you, you = 2; we: we, we're, we're = 3.
   * Exclamation lines 2 (lines 2, 4); question lines 1 (6); all-caps lines 1 (4).
   * Past: walked (-ed), said, did = 3; future: will, gonna, gonna, i'll = 4.
   */
  private static final String LYRIC = String.join("\n", "I walked the empty road", "You said we will be fine",
      "Hold on, hold on!", "We're gonna shine", "", "HOLD ON, HOLD ON!", "we're gonna shine", "Did you ever know?",
      "I'll never leave my town");

  @Test
  void countsAsWorkedOutByHand() {
    double[] f = LyricStyle.features(LYRIC);
    double[] expected = {4 / 8.0, 4 / 8.0, 8 / 2.0, 34 / 2.0, 24 / 34.0, 3 / 34.0, 2 / 34.0, 3 / 34.0, 2 / 8.0,
        1 / 8.0, 1 / 8.0, 3 / 34.0, 4 / 34.0};
    assertEquals(LyricStyle.NAMES.size(), f.length);
    for (int i = 0; i < f.length; i++) {
      assertEquals(expected[i], f[i], 1e-12, LyricStyle.NAMES.get(i));
    }
  }

  @Test
  void aChorusIsARepeatedBlockNotARepeatedLine() {
    // A B A C A B: blocks (A, B) recur at 0 and 4 -> lines 0, 1, 4, 5; the A at 2 repeats only as a line
    assertEquals(4, LyricStyle.inRepeatedBlocks(new int[] {0, 1, 0, 2, 0, 1}));
    assertEquals(5, LyricStyle.repeated(new int[] {0, 1, 0, 2, 0, 1}));
    // the same line four times: the block (A, A) recurs, every line is in it
    assertEquals(4, LyricStyle.inRepeatedBlocks(new int[] {0, 0, 0, 0}));
    assertEquals(0, LyricStyle.inRepeatedBlocks(new int[] {0, 1, 2, 0}));
  }

  @Test
  void emptyTextIsAllZero() {
    assertArrayEquals(new double[LyricStyle.NAMES.size()], LyricStyle.features("  \n\n "));
  }
}
