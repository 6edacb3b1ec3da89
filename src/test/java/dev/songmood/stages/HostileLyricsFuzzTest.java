package dev.songmood.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.songmood.encode.Chunker;
import dev.songmood.encode.EncoderModel;
import dev.songmood.encode.OnnxEncoder;
import dev.songmood.input.Fields;
import dev.songmood.stages.text.Characters;
import dev.songmood.stages.text.LyricsText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Lyrics built to break the per-song steps, from a seeded generator: runs of section markers, brackets, quotes,
 * blanks, lone and paired surrogates, control characters, mojibake, timestamps and page markup, up to and past
 * 100,000 characters. Each song goes through cleaning (both profiles), screening and language detection as the
 * executors run them, then its accepted text through the encoder's chunker and the encoder itself. Nothing may escape
 * (no throw, no {@code unprocessable}: that would be a rule failing), every song ends accepted or with a known
 * reason, and each finishes in bounded time. Runs on a thread with half an executor's default stack, so a pattern
 * that recurses per repetition shows here first. {@code -Dsongmood.fuzz.seed=N} replays a run; a failure names its
 * seed and case.
 */
@Tag("slow")
class HostileLyricsFuzzTest {
  private static final long SEED = Long.getLong("songmood.fuzz.seed", 20261207L);
  private static final int CASES = 400;
  /** Songs whose first chunks also go through the encoder (the chunker sees them all). */
  private static final int ENCODED = 30;
  /** A hang guard, not a speed test: the slowest case takes well under a second. */
  private static final long CASE_LIMIT_MS = 20_000;
  private static final Set<String> REASONS = Set.of(LyricsScreen.MISSING_LYRICS, LyricsScreen.EMPTY_LYRICS,
      LyricsScreen.TOO_LONG, LyricsScreen.TOO_SHORT, LyricsScreen.NOT_TEXT, LyricsScreen.INVALID_ENCODING,
      LyricsScreen.NOT_LYRICS);

  private static final String[] PIECES = {"[a]", "[Chorus]", "[Verse 2: Someone]", "(x2)", "(Chorus)", "{hook}", "[",
      "]", "(", ")", "{", "}", "[[", "]]", "\"", "'", "\u00B4", "`", "\u2019", "\u201C", " ", "  ", "\t", "\n", "\r\n",
      "\r", "\n\n\n", "\u2028", "\u00A0", "\u200B", "\uFEFF", "\u00AD", "\uD800", "\uDC00", "\uD83C\uDFB5", "\u0000",
      "\u0007", "\u001B[31m", "\u007F", "\uFFFF", "\uFFFE", "\u00E2\u20AC\u2122", "\u00E2\u0080", "[00:12.34]",
      "<00:01.00>", "[ar: x]", "<div>", "</p>", "<script>", "https://example.org/", "?", "?s", "don't", "x2", "2x",
      "la", "love", "night", "fire", "\u0915\u093F", "\u4F60\u597D", "\u0645\u0631\u062D\u0628\u0627", "\u00E9",
      "e\u0301", "true", "null", "{\"a\":1}", "[1,2]", "\\", "\\n", "%s", "${x}", "' OR 1=1 --", "\u202E"};
  private static final String[] WORDS = {"we", "dance", "all", "night", "under", "golden", "lights", "hearts",
      "alive", "shining", "bright", "the", "summer", "is", "ours", "tonight", "rain", "falls", "slowly", "goodbye"};

  private static OnnxEncoder encoder;
  private static Chunker chunker;

  @BeforeAll
  static void openEncoder() {
    encoder = OnnxEncoder.load(EncoderModel.BGE_SMALL_EN_V15_Q, 1);
    chunker = encoder.chunker();
  }

  @Test
  void noHostileLyricEscapesTheSongSteps() throws Exception {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread runner = new Thread(null, () -> {
      try {
        runCases();
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "fuzz", 512 * 1024);
    runner.start();
    runner.join();
    if (failure.get() != null) {
      if (failure.get() instanceof AssertionError a) {
        throw a;
      }
      throw new AssertionError("seed " + SEED + ": " + failure.get(), failure.get());
    }
  }

  private static void runCases() {
    Random seeds = new Random(SEED);
    List<Object> steps = List.of(new LyricsCleaner(),
        new LyricsCleaner().setProfile(CleaningProfile.LIGHT).setOutputCol(Fields.LIGHT_LYRICS),
        new LyricsScreen(), new LanguageDetectorModel().setLanguages("en"));
    int accepted = 0;
    int encoded = 0;
    for (int i = 0; i < CASES; i++) {
      long caseSeed = seeds.nextLong();
      String lyric = hostileLyric(new Random(caseSeed), i);
      String where = "seed " + SEED + ", case " + i + " (its own seed " + caseSeed + ", " + lyric.length()
          + " chars, starts " + printable(lyric) + ")";
      long start = System.nanoTime();
      Map<String, Object> song = new HashMap<>();
      song.put(Fields.LYRICS, lyric);
      try {
        for (Object step : steps) {
          ((LocalStage) step).applyLocally(List.of(song));
        }
      } catch (Throwable t) {
        fail("escaped the song steps: " + where + ": " + t, t);
      }
      String reason = (String) song.get(Fields.REJECT_REASON);
      assertFalse(PerSong.REASON.equals(reason), () -> "a rule threw: " + where + ": " + song.get(Fields.REJECT_DETAIL));
      assertNull(song.get(Fields.UNPROCESSABLE), where);
      if (reason != null) {
        assertTrue(REASONS.contains(reason), () -> "unknown reason " + reason + ": " + where);
        assertNotNull(song.get(Fields.REJECT_DETAIL), where);
      } else {
        accepted++;
        String light = (String) song.get(Fields.LIGHT_LYRICS);
        assertFalse(Characters.hasLoneSurrogate(light), () -> "ill-formed text left the cleaner: " + where);
        assertFalse(Characters.hasLoneSurrogate((String) song.get(Fields.CLEAN_LYRICS)), where);
        List<Chunker.Chunk> chunks = chunker.chunk(light, chunker.maxBudget(), 16);
        if (!chunks.isEmpty() && encoded < ENCODED) {
          encoded++;
          float[][] vectors = encoder.encode(chunks.subList(0, Math.min(2, chunks.size())), 8);
          for (float[] v : vectors) {
            for (float x : v) {
              assertTrue(Float.isFinite(x), () -> "a non-finite embedding: " + where);
            }
          }
        }
      }
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertTrue(ms < CASE_LIMIT_MS, () -> ms + " ms: " + where);
    }
    // The generator must reach both ends, or the test proves little.
    assertTrue(accepted >= CASES / 10, "only " + accepted + " of " + CASES + " hostile songs were accepted");
    assertTrue(accepted <= CASES * 9 / 10, accepted + " of " + CASES + " accepted: the generator is too tame");
    assertEquals(ENCODED, encoded, "songs that reached the encoder");
  }

  /** One hostile lyric: pieces and words in runs, some runs thousands long; one case in twenty past 100,000 chars. */
  static String hostileLyric(Random random, int index) {
    int target = index % 20 == 7 ? 100_000 + random.nextInt(5_000)
        : index % 5 == 0 ? random.nextInt(100_000) : random.nextInt(3_000);
    StringBuilder s = new StringBuilder(target + 64);
    while (s.length() < target) {
      switch (random.nextInt(4)) {
        case 0 -> {  // a storm: one piece repeated, up to 5,000 times
          String piece = PIECES[random.nextInt(PIECES.length)];
          s.append(piece.repeat(1 + random.nextInt(random.nextBoolean() ? 5_000 : 20)));
        }
        case 1 -> s.append(PIECES[random.nextInt(PIECES.length)]);
        default -> {  // a sung line, so that some songs get past the screen
          for (int w = 0, n = 3 + random.nextInt(10); w < n; w++) {
            s.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
          }
          s.append('\n');
        }
      }
    }
    return s.toString();
  }

  private static String printable(String s) {
    StringBuilder out = new StringBuilder("\"");
    s.codePoints().limit(40).forEach(cp -> out.append(cp >= 0x20 && cp < 0x7F ? Character.toString(cp)
        : String.format("\\u%04X", cp)));
    return out.append("\"").toString();
  }

  /** The marker storm that overflowed the stack: a thousand markers, then a sung line. */
  @Test
  void aThousandLeadingMarkersAreCutWithoutRecursion() {
    String storm = "[a]".repeat(1_000) + " we dance all night\n" + "[Chorus] ".repeat(20_000) + "\nunder golden lights";
    String light = LyricsText.normalizeLight(storm);
    assertEquals("we dance all night\n\nunder golden lights", light);
    assertEquals("dance night golden lights", LyricsText.cleanFull(storm, Set.of("we", "all", "under")));
  }

  @Test
  void loneSurrogatesBecomeReplacementCharacters() {
    assertEquals("la \uFFFD la \uD83C\uDFB5 \uFFFD", LyricsText.normalizeLight("la \uD800 la \uD83C\uDFB5 \uDC00"));
    assertEquals("\uFFFD", LyricsText.normalizeLight("\uDBFF"));
    assertTrue(Characters.hasLoneSurrogate("x\uDBFF"));
    assertTrue(Characters.hasLoneSurrogate("\uDC00x"));
    assertFalse(Characters.hasLoneSurrogate("x\uD83C\uDFB5"));
  }

  /** The old pattern, on purpose: the guard turns its StackOverflowError into the song's failure. */
  @Test
  void aStepThatOverflowsTheStackFailsTheSongNotTheThread() {
    java.util.regex.Pattern recursive = java.util.regex.Pattern.compile("^ *(?:(?:\\[[^\\[\\]\\n]{0,100}\\]) *)+");
    PerSong.Outcome o = PerSong.attempt(text -> recursive.matcher(text).replaceAll(""), "[a]".repeat(200_000));
    assertNull(o.value());
    assertTrue(o.error().startsWith("StackOverflowError"), o.error());
    assertEquals(new PerSong.Outcome("ok", null), PerSong.attempt(text -> "ok", "x"));
    PerSong.Outcome npe = PerSong.attempt(text -> text.substring(1), null);
    assertTrue(npe.error().startsWith("NullPointerException"), npe.error());
  }

  /** A song a cleaning step failed on is quarantined by the screen, in memory as in Spark (LyricsScreenTest). */
  @Test
  void theScreenQuarantinesASongAnEarlierStepFailedOn() {
    Map<String, Object> song = new HashMap<>();
    song.put(Fields.LYRICS, "we dance all night under golden lights ".repeat(5));
    song.put(Fields.CLEAN_LYRICS, null);
    song.put(Fields.UNPROCESSABLE, "StackOverflowError");
    new LyricsScreen().applyLocally(new ArrayList<>(List.of(song)));
    assertEquals(PerSong.REASON, song.get(Fields.REJECT_REASON));
    assertEquals("StackOverflowError", song.get(Fields.REJECT_DETAIL));
    assertFalse(song.containsKey(Fields.UNPROCESSABLE));
  }
}
