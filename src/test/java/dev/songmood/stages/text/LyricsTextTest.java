package dev.songmood.stages.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every expected value is written out by hand: these tests pin down what the encoders and the
 * bag-of-words models are fed, so a change in any rule has to show up here as a failing test.
 */
class LyricsTextTest {

    private static final Set<String> NO_STOP_WORDS = Set.of();

    private static String light(String raw) {
        return LyricsText.normalizeLight(raw);
    }

    private static String full(String raw) {
        return LyricsText.cleanFull(raw, NO_STOP_WORDS);
    }

    @Nested
    class NullAndEmpty {

        @Test
        void nullStaysNull() {
            assertNull(LyricsText.normalizeLight(null));
            assertNull(LyricsText.cleanFull(null, Set.of("the")));
            assertNull(Contractions.expand(null));
        }

        @Test
        void emptyStaysEmpty() {
            assertEquals("", LyricsText.normalizeLight(""));
            assertEquals("", LyricsText.cleanFull("", Set.of("the")));
        }

        @Test
        void onlyMarkersAndBlanksBecomeEmpty() {
            assertEquals("", light("[Intro]\r\n\r\n  \t\r\n(x2)\n"));
            assertEquals("", LyricsText.cleanFull("The a I", Set.of("the", "a", "i")));
        }

        @Test
        void nullStopWordSetDropsNothing() {
            assertEquals("the end", LyricsText.cleanFull("The end.", null));
        }

        @Test
        void lengthHelper() {
            assertEquals(0, LyricsText.length(null));
            assertEquals(0, LyricsText.length(""));
            assertEquals(5, LyricsText.length("caf\u00E9!"));
        }
    }

    @Nested
    class LineEnds {

        @Test
        void windowsLineEndsBecomeNewlines() {
            assertEquals("one\ntwo\nthree", light("one\r\ntwo\r\nthree\r\n"));
        }

        @Test
        void oldMacLineEndsBecomeNewlines() {
            assertEquals("one\ntwo\n\nthree", light("one\rtwo\r\rthree"));
        }

        @Test
        void unicodeLineSeparatorsBecomeNewlines() {
            assertEquals("one\ntwo\n\nthree", light("one\u2028two\u2029\u2029three"));
        }
    }

    @Nested
    class EncodingRepair {

        @Test
        void rightSingleQuoteMojibake() {
            assertEquals("Don't stop", light("Don\u00E2\u20AC\u2122t stop"));
        }

        @Test
        void leftSingleQuoteMojibake() {
            assertEquals("'Cause I said", light("\u00E2\u20AC\u02DCCause I said"));
        }

        @Test
        void leftDoubleQuoteMojibake() {
            assertEquals("\"Hello", light("\u00E2\u20AC\u0153Hello"));
        }

        @Test
        void rightDoubleQuoteMojibakeInAllThreeShapes() {
            assertEquals("she said \"go\" now", light("she said \u00E2\u20AC\u0153go\u00E2\u20AC\u009D now"));
            assertEquals("\"go\" now", light("\u00E2\u20AC\u0153go\u00E2\u20AC\uFFFD now"));
            assertEquals("\"go\" now", light("\u00E2\u20AC\u0153go\u00E2\u20AC now"));
        }

        @Test
        void enAndEmDashMojibake() {
            assertEquals("1999 \u2013 2001", light("1999 \u00E2\u20AC\u201C 2001"));
            assertEquals("wait \u2014 stop", light("wait \u00E2\u20AC\u201D stop"));
        }

        @Test
        void ellipsisMojibake() {
            assertEquals("and so\u2026", light("and so\u00E2\u20AC\u00A6"));
        }

        @Test
        void utf8ReadAsLatin1IsRepairedToo() {
            assertEquals("it's \"fine\"", light("it\u00E2\u0080\u0099s \u00E2\u0080\u009Cfine\u00E2\u0080\u009D"));
        }

        @Test
        void realWindows1252DecodingRoundTrip() {
            // What a reader with the wrong charset really produces from UTF-8 bytes.
            String original = "\u201CDon\u2019t\u201D \u2014 \u2018ok\u2019";
            String garbled = new String(original.getBytes(StandardCharsets.UTF_8), Charset.forName("windows-1252"));
            assertFalse(garbled.contains("\u2019"));
            assertEquals("\"Don't\" \u2014 'ok'", light(garbled));
        }

        @Test
        void curlyQuotesBecomeAscii() {
            assertEquals("'I'm \"here\"'", light("\u2018I\u2019m \u201Chere\u201D\u2019"));
        }

        @Test
        void replacementCharBetweenLettersIsAnApostrophe() {
            assertEquals("don't", light("don\uFFFDt"));
            assertEquals("caf\uFFFD ok", light("caf\uFFFD ok"));
        }

        @Test
        void acuteAccentOrBacktickBetweenLettersIsAnApostrophe() {
            assertEquals("don't can't", light("don\u00B4t can`t"));
        }

        @Test
        void questionMarkBeforeEachContractionSuffix() {
            assertEquals("it's don't I'm we'll you're they've he'd",
                    light("it?s don?t I?m we?ll you?re they?ve he?d"));
        }

        @Test
        void realQuestionMarksStay() {
            assertEquals("why? so\nwhat?salad\nwhy?\nstay? t", light("why? so\nwhat?salad\nwhy?\nstay? t"));
        }
    }

    @Nested
    class LrcTiming {

        @Test
        void singleTimestampsOfEachShapeAreRemoved() {
            assertEquals("first line\nsecond line\nthird line",
                    light("[00:12]first line\n[00:15.30] second line\n[01:02:45]third line"));
        }

        @Test
        void severalTimestampsOnOneLineAreRemoved() {
            assertEquals("repeated line\nnext", light("[00:12.30][01:40.00]repeated line\n[00:20.00]next"));
        }

        @Test
        void timestampsLaterInTheLineAreRemovedToo() {
            assertEquals("one two three", light("one [00:15:30]two [01:02.5]three"));
        }

        @Test
        void enhancedWordTimingIsRemoved() {
            assertEquals("hello world", light("[00:01.00]<00:01.00>hello <00:01.50>world"));
        }

        @Test
        void metadataLinesAreRemovedWhole() {
            String lrc = "[ar:Some Artist]\n[ti:Some Title]\n[al:Album]\n[by:someone]\n[offset:+500]\n"
                    + "[length: 03:20]\n[00:01.00]la la\n[00:02.00]la la la";
            assertEquals("la la\nla la la", light(lrc));
        }

        @Test
        void metadataInsideAStanzaLeavesNoBreak() {
            assertEquals("a\nb", light("a\n[ti:Title]\nb"));
        }
    }

    @Nested
    class SectionMarkers {

        @Test
        void squareMarkerLinesAreRemoved() {
            assertEquals("a\n\nb\n\nc\n\nd\n\ne",
                    light("[Chorus]\na\n[Verse 2]\nb\n[Pre-Chorus: Name]\nc\n[Intro]\nd\n[Hook x2]\ne"));
        }

        @Test
        void parenthesisAndBraceMarkerLinesAreRemoved() {
            assertEquals("a\n\nb\n\nc\n\nd", light("(Chorus)\na\n{Bridge}\nb\n(Verse 2: Someone)\nc\n(Guitar Solo)\nd"));
        }

        @Test
        void markerLineBetweenLinesBecomesOneStanzaBreak() {
            assertEquals("one\n\ntwo", light("one\n[Chorus]\ntwo"));
            assertEquals("one\n\ntwo", light("one\n\n[Chorus]\n\ntwo"));
        }

        @Test
        void inlineLeadingMarkerKeepsTheWords() {
            assertEquals("some words\nmore words\nlast words",
                    light("[Chorus] some words\n(Hook) more words\n[Verse 1: X] {Bridge} last words"));
        }

        @Test
        void repeatAnnotationsAtLineEndAreRemoved() {
            assertEquals("sing it\nsing it\nsing it\nsing it\nsing it\nsing it",
                    light("sing it (x2)\nsing it x2\nsing it (repeat)\nsing it (2x)\nsing it [x3]\nsing it (Repeat chorus)"));
        }

        @Test
        void repeatAnnotationOnMarkerLineLeavesNothing() {
            assertEquals("a\n\nb", light("a\n[Chorus] (x2)\nb"));
        }

        @Test
        void sungParenthesesStay() {
            assertEquals("(hey!)\nwe got (power power!)\n(Bridge over troubled water)\nsay it twice (x2 please)",
                    light("(hey!)\nwe got (power power!)\n(Bridge over troubled water)\nsay it twice (x2 please)"));
        }

        @Test
        void annotationMustBeAtLineEndAndAWordOfItsOwn() {
            assertEquals("x2 is a name\nmax2", light("x2 is a name\nmax2"));
        }
    }

    @Nested
    class Whitespace {

        @Test
        void tabsAndNonBreakingSpacesCollapseToOneSpace() {
            assertEquals("a b c d", light("a\tb\u00A0\u00A0c   \t d"));
        }

        @Test
        void linesAreTrimmed() {
            assertEquals("a\nb", light("   a   \n\t b \u00A0"));
        }

        @Test
        void threeBlankLinesCollapseToOne() {
            assertEquals("a\n\nb", light("a\n\n\n\nb"));
            assertEquals("a\n\nb", light("a\n\n\nb"));
            assertEquals("a\n\nb", light("a\n  \n\t\n \u00A0 \nb"));
        }

        @Test
        void leadingAndTrailingBlankLinesAreRemoved() {
            assertEquals("a\nb", light("\n\n  \na\nb\n\n \n"));
        }

        @Test
        void zeroWidthCharactersAreRemoved() {
            assertEquals("heart beat", light("\uFEFFhe\u200Bart\u200D beat\u2060"));
        }

        @Test
        void zeroWidthCharacterCannotHideAMarker() {
            assertEquals("a", light("(Cho\u200Brus)\na"));
        }
    }

    @Nested
    class CleanFull {

        private final Set<String> stopWords = Set.of("the", "a", "i", "is", "am", "not", "and", "to");

        @Test
        void smallLyricEndToEnd() {
            String lyric = "[Verse 1]\r\n"
                    + "I\u2019m singin\u2019 in the RAIN,\r\n"
                    + "Don\u00E2\u20AC\u2122t you know it?s Mary\u2019s caf\u00E9?\r\n"
                    + "\r\n"
                    + "[Chorus]\r\n"
                    + "We gonna dance \u2019til 3 a.m. (x2)\r\n";
            assertEquals("singing in rain do you know it mary caf\u00E9 we going dance until 3 m",
                    LyricsText.cleanFull(lyric, stopWords));
        }

        @Test
        void keepsCaseAndPunctuationInLightButNotInFull() {
            String line = "Hello, World! It's ME.";
            assertEquals("Hello, World! It's ME.", light(line));
            assertEquals("hello world it is me", full(line));
        }

        @Test
        void stopWordsMatchWholeTokensOnly() {
            assertEquals("there as theme", LyricsText.cleanFull("The there, a as, the theme", stopWords));
        }

        @Test
        void linesAreJoinedWithSingleSpaces() {
            assertEquals("one two three four", full("one\ntwo\n\n\nthree   four\n"));
        }

        @Test
        void punctuationIncludingLeftoverApostrophesBecomesSpace() {
            assertEquals("rock n roll 24 7 hey you", full("rock'n'roll 24/7 -- \"hey\"...you!"));
        }

        @Test
        void digitsAreKept() {
            assertEquals("99 problems 2pac", full("99 problems, 2Pac"));
        }

        @Test
        void possessiveSIsDropped() {
            assertEquals("mary lamb the dog bone", full("Mary's lamb, the dog's bone"));
        }

        @Test
        void nonAsciiLettersAreKept() {
            assertEquals("caf\u00E9 na\u00EFve \u043B\u044E\u0431\u043E\u0432\u044C \u611B",
                    full("Caf\u00E9, na\u00EFve \u041B\u044E\u0431\u043E\u0432\u044C! \u611B"));
        }

        @Test
        void decomposedAccentsAreComposed() {
            assertEquals("caf\u00E9", full("cafe\u0301"));
        }

        @Test
        void combiningMarksOfOtherScriptsStayInTheWord() {
            // Devanagari "namaste": the vowel signs and virama are marks, not letters.
            assertEquals("\u0928\u092E\u0938\u094D\u0924\u0947", full("\u0928\u092E\u0938\u094D\u0924\u0947!"));
            // "hindi": its two vowel signs are spacing marks, the nasal sign a non-spacing one.
            assertEquals("\u0939\u093F\u0902\u0926\u0940", full("\u0939\u093F\u0902\u0926\u0940."));
        }

        @Test
        void emojiAndSymbolsAreSeparators() {
            assertEquals("love you", full("love\uD83D\uDE0Dyou \u2665"));
        }
    }

    @Nested
    class ContractionFamilies {

        @Test
        void irregularNegatives() {
            assertEquals("will not cannot shall not is not", full("won't can't shan't ain't"));
        }

        @Test
        void genericNegative() {
            assertEquals("do not did not could not is not", full("don't didn't couldn't isn't"));
        }

        @Test
        void pronounSuffixes() {
            assertEquals("we are i am they will you have he would",
                    full("we're I'm they'll you've he'd"));
        }

        @Test
        void letUs() {
            assertEquals("let us go", full("Let's go"));
        }

        @Test
        void isContractions() {
            assertEquals("it is that is what is he is she is there is here is who is where is",
                    full("it's that's what's he's she's there's here's who's where's"));
        }

        @Test
        void youAll() {
            assertEquals("you all ready", full("Y'all ready"));
        }

        @Test
        void clippedWords() {
            assertEquals("because because love them until dawn", full("'Cause 'cos love 'em 'til dawn"));
        }

        @Test
        void oApostropheOnlyAsAWholeWord() {
            assertEquals("top of the world at 5 o clock", full("top o' the world at 5 o'clock"));
        }

        @Test
        void slangForms() {
            assertEquals("going to want to got to give me let me",
                    full("gonna wanna gotta gimme lemme"));
        }

        @Test
        void slangOnlyAsWholeWords() {
            assertEquals("gonnas lemmer", full("gonnas lemmer"));
        }

        @Test
        void droppedG() {
            assertEquals("singing running nothing going", full("singin' runnin' nothin' goin'"));
        }

        @Test
        void droppedGNeedsTwoLettersBefore() {
            assertEquals("in'", Contractions.expand("in'"));
            assertEquals("'in'", Contractions.expand("'in'"));
            assertEquals("win'", Contractions.expand("win'"));
            assertEquals("in", full("in'"));
        }

        @Test
        void expandIgnoresCaseAndWritesLowerCase() {
            assertEquals("I am sure he is not. will not", Contractions.expand("I'm sure He's not. WON'T"));
        }

        @Test
        void wordsMerelyContainingAContractionAreLeftAlone() {
            assertEquals("bit's", Contractions.expand("bit's"));
            assertEquals("o'clock", Contractions.expand("o'clock"));
        }

        @Test
        void quotedContractionsStillExpand() {
            assertEquals("'do not'", Contractions.expand("'don't'"));
        }
    }

    @Nested
    class LargeInput {

        @Test
        void twoHundredThousandCharLyricIsCleaned() {
            String stanza = "[00:12.30][Chorus]\r\nI\u2019m singin\u2019 in the rain (x2)\r\n"
                    + "Don\u00E2\u20AC\u2122t you know it?s a \u201Cgood\u201D day\r\n\r\n\r\n";
            StringBuilder lyric = new StringBuilder();
            while (lyric.length() < 200_000) {
                lyric.append(stanza);
            }
            String light = LyricsText.normalizeLight(lyric.toString());
            String full = LyricsText.cleanFull(lyric.toString(), Set.of("the", "a"));
            assertNotNull(light);
            assertNotNull(full);
            assertTrue(light.length() > 100_000 && light.length() < lyric.length(), "light length " + light.length());
            assertTrue(full.length() > 100_000 && full.length() < lyric.length(), "full length " + full.length());
            assertTrue(full.startsWith("i am singing in rain do not you know it is good day i am singing"), full.substring(0, 80));
        }

        @Test
        void adversarialRunsStillReturn() {
            // Shapes that make naive patterns backtrack: long runs of spaces, brackets, marks.
            String[] shapes = {" ", "[", "(", "x", "?", "'", "\u00E2\u20AC", "a?", "in'", " \n"};
            for (String shape : shapes) {
                String raw = "a" + shape.repeat(200_000 / shape.length()) + "b";
                assertNotNull(LyricsText.cleanFull(raw, Set.of()), shape);
                assertNotNull(LyricsText.normalizeLight(raw), shape);
            }
        }
    }
}
