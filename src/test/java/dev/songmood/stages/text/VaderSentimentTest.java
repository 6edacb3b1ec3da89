package dev.songmood.stages.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * VADER against the compound scores its authors publish (README and demo of vaderSentiment), and the rules on
 * made-up lines, each expected value worked out from the lexicon (happy 2.7, sad -2.1, sweet 2.0, love 3.2; "i",
 * "am", "are", "you", "tonight", "night", "morning", "the", "was", "is" are not in it).
 */
class VaderSentimentTest {
  private static final double PUBLISHED = 0.00005;  // the published values are rounded to 4 places

  private static double compound(String s) {
    return VaderSentiment.polarity(s).compound();
  }

  private static double norm(double x) {
    return x / Math.sqrt(x * x + 15);
  }

  @Test
  void matchesThePublishedExamples() {
    assertEquals(0.8316, compound("VADER is smart, handsome, and funny."), PUBLISHED);
    assertEquals(0.8439, compound("VADER is smart, handsome, and funny!"), PUBLISHED);
    assertEquals(0.8545, compound("VADER is very smart, handsome, and funny."), PUBLISHED);
    assertEquals(0.9227, compound("VADER is VERY SMART, handsome, and FUNNY."), PUBLISHED);
    assertEquals(-0.7424, compound("VADER is not smart, handsome, nor funny."), PUBLISHED);
    assertEquals(0.4404, compound("The book was good."), PUBLISHED);
    assertEquals(0.3832, compound("The book was kind of good."), PUBLISHED);
    assertEquals(-0.8211, compound("A really bad, horrible book."), PUBLISHED);
  }

  @Test
  void sharesFollowVadersMassRule() {
    // The, book, was: neutral (1 each); good 1.9 counts 1.9 + 1: pos 2.9 / 5.9, neu 3 / 5.9 (VADER: 0.492, 0.508)
    VaderSentiment.Scores s = VaderSentiment.polarity("The book was good.");
    assertEquals(2.9 / 5.9, s.pos(), 1e-12);
    assertEquals(3 / 5.9, s.neu(), 1e-12);
    assertEquals(0.0, s.neg(), 1e-12);
    assertEquals(new VaderSentiment.Scores(0, 0, 0, 1), VaderSentiment.polarity("la la la"), "all neutral");
    assertEquals(new VaderSentiment.Scores(0, 0, 0, 0), VaderSentiment.polarity(" "), "no words");
  }

  @Test
  void negationFlipsAndDampensUpToThreeWordsBefore() {
    assertEquals(norm(2.7 * -0.74), compound("i am not happy tonight"), 1e-12);
    // "don't" three words before "happy": still negated
    assertEquals(norm(2.7 * -0.74), compound("don't you am happy"), 1e-12);
    // "no" before a lexicon word: "no" itself counts 0 and negates it
    assertEquals(norm(3.2 * -0.74), compound("no love tonight"), 1e-12);
    assertTrue(VaderSentiment.negated("couldn't"));
    assertFalse(VaderSentiment.negated("could"));
  }

  @Test
  void boostersAndDampenersWeakenWithDistance() {
    assertEquals(norm(2.7 + 0.293), compound("i am really happy"), 1e-12);
    assertEquals(norm(2.7 + 0.293 + 0.293 * 0.95), compound("really really happy"), 1e-12);
    // a dampener before a negative word moves it toward zero
    assertEquals(norm(-2.1 + 0.293), compound("i am kinda sad"), 1e-12);
  }

  @Test
  void capsEmphasisOnlyWhenTheLineMixesCase() {
    // I, VERY, HAPPY are all caps and "am" is not: HAPPY 2.7 + 0.733, VERY 0.293 + 0.733
    assertEquals(norm(2.7 + 0.733 + 0.293 + 0.733), compound("I am VERY HAPPY"), 1e-12);
    assertEquals(norm(2.7 + 0.293), compound("I AM VERY HAPPY"), 1e-12, "all caps: no emphasis");
  }

  @Test
  void butWeighsWhatComesAfter() {
    assertEquals(norm(-2.1 * 0.5 + 2.0 * 1.5), compound("the night was sad but the morning is sweet"), 1e-12);
  }

  @Test
  void exclamationAndQuestionMarksAddEmphasis() {
    assertEquals(norm(2.7 + 2 * 0.292), compound("happy!!"), 1e-12);
    assertEquals(norm(2.7 + 4 * 0.292), compound("happy!!!!!!"), 1e-12, "at most four count");
    assertEquals(norm(2.7), compound("are you happy?"), 1e-12, "one question mark adds nothing");
    assertEquals(norm(2.7 + 2 * 0.18), compound("are you happy??"), 1e-12);
    assertEquals(norm(-2.1 - 0.96), compound("are you sad????"), 1e-12);
  }
}
