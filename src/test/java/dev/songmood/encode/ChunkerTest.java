package dev.songmood.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.encode.Chunker.Chunk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChunkerTest {
  private static Chunker chunker;

  @BeforeAll
  static void openTokenizer() {
    chunker = Chunker.forModel(EncoderModel.ALL_MINILM_L6_V2);
  }

  /** A made-up lyric (free to share): lines of 3..14 words, with accents, an emoji and punctuation. */
  static List<String> lines(int count) {
    String[] words = {"sun", "rain", "dancing", "heartbeat", "midnight", "café", "naïve", "\uD83C\uDFB5", "shadows,",
        "forever!", "we'll", "run", "away", "tonight", "slowly", "whispering", "goodbye", "ocean-blue", "and"};
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder line = new StringBuilder();
      for (int j = 0; j < 3 + (i * 5) % 12; j++) {
        line.append(j == 0 ? "" : " ").append(words[(i * 7 + j * 3) % words.length]);
      }
      lines.add(line.toString());
    }
    return lines;
  }

  private static long[] concat(List<Chunk> chunks, int skipAfterFirst) {
    LongStream all = LongStream.empty();
    for (int i = 0; i < chunks.size(); i++) {
      long[] ids = chunks.get(i).ids();
      all = LongStream.concat(all, Arrays.stream(ids, i == 0 ? 0 : skipAfterFirst, ids.length));
    }
    return all.toArray();
  }

  /** Each chunk's text tokenises to its ids: the offsets (code points vs UTF-16) were mapped right. */
  private static void assertTextsMatchIds(List<Chunk> chunks) {
    for (Chunk c : chunks) {
      assertArrayEquals(chunker.tokenize(c.text()), c.ids(), () -> "chunk text '" + c.text() + "'");
    }
  }

  @Test
  void withoutOverlapEveryTokenIsInExactlyOneChunk() {
    String text = String.join("\n", lines(120));
    long[] whole = chunker.tokenize(text);
    assertTrue(whole.length > 600, "the tokenizer must not truncate (MiniLM's tokenizer.json says 128)");
    List<Chunk> chunks = chunker.chunk(text, 40, 0);
    assertTrue(chunks.size() >= whole.length / 40);
    assertArrayEquals(whole, concat(chunks, 0));
    int next = 0;
    for (Chunk c : chunks) {
      assertEquals(next, c.firstToken());
      assertTrue(c.tokenCount() >= 1 && c.tokenCount() <= 40, "chunk of " + c.tokenCount());
      next = c.endToken();
    }
    assertTextsMatchIds(chunks);
  }

  @Test
  void overlapRepeatsExactlyKTokensAndStillCoversEverything() {
    String text = String.join("\n", lines(80));
    long[] whole = chunker.tokenize(text);
    int k = 8;
    List<Chunk> chunks = chunker.chunk(text, 40, k);
    assertTrue(chunks.size() > 3);
    for (int i = 1; i < chunks.size(); i++) {
      Chunk prev = chunks.get(i - 1);
      Chunk cur = chunks.get(i);
      assertEquals(prev.endToken() - k, cur.firstToken());
      assertArrayEquals(Arrays.copyOfRange(prev.ids(), prev.tokenCount() - k, prev.tokenCount()),
          Arrays.copyOf(cur.ids(), k));
      assertTrue(cur.tokenCount() > k && cur.tokenCount() <= 40);
    }
    assertEquals(whole.length, chunks.get(chunks.size() - 1).endToken());
    assertArrayEquals(whole, concat(chunks, k));
  }

  @Test
  void linesThatFitArePackedWholeAndGreedily() {
    List<String> lines = lines(60);
    int budget = 30;
    int[] counts = lines.stream().mapToInt(l -> chunker.tokenize(l).length).toArray();
    assertTrue(Arrays.stream(counts).allMatch(c -> c <= budget), "fixture: every line fits the budget");
    List<String> expected = new ArrayList<>();
    int from = 0;
    int used = 0;
    for (int i = 0; i <= lines.size(); i++) {
      if (i == lines.size() || used + counts[i] > budget) {
        expected.add(String.join("\n", lines.subList(from, i)));
        from = i;
        used = 0;
      }
      used += i < lines.size() ? counts[i] : 0;
    }
    List<String> actual = chunker.chunk(String.join("\n", lines), budget, 0).stream().map(Chunk::text).toList();
    assertEquals(expected, actual);
  }

  @Test
  void aLineLongerThanTheBudgetIsCutAtWordStarts() {
    String line = String.join(" ", lines(12)).replace("\n", " ");
    String text = "short start\n" + line + "\nshort end";
    long[] whole = chunker.tokenize(text);
    List<Chunk> chunks = chunker.chunk(text, 16, 0);
    assertEquals("short start", chunks.get(0).text());
    assertTrue(chunks.size() >= whole.length / 16);
    assertTrue(chunks.stream().allMatch(c -> c.tokenCount() <= 16));
    assertArrayEquals(whole, concat(chunks, 0));
    assertTextsMatchIds(chunks);
    String rejoined = String.join(" ", chunks.stream().map(Chunk::text).toList());
    assertEquals(text.replace('\n', ' '), rejoined.replace('\n', ' '), "cuts fall between words, at single spaces");
  }

  @Test
  void aWordLongerThanTheBudgetIsCutBetweenWordPieces() {
    String text = "antidisestablishmentarianism pneumonoultramicroscopic";
    long[] whole = chunker.tokenize(text);
    List<Chunk> chunks = chunker.chunk(text, 3, 1);
    assertTrue(whole.length > 6);
    assertTrue(chunks.stream().allMatch(c -> c.tokenCount() <= 3));
    assertArrayEquals(whole, concat(chunks, 1));
  }

  @Test
  void blankTextHasNoChunks() {
    assertEquals(List.of(), chunker.chunk("", 32, 0));
    assertEquals(List.of(), chunker.chunk(" \n\t \r\n ", 32, 4));
    assertEquals(List.of(), chunker.chunk(null, 32, 0));
  }

  @Test
  void budgetAndOverlapAreChecked() {
    assertEquals(510, chunker.maxBudget());
    assertEquals(508, Chunker.forModel(EncoderModel.E5_SMALL_V2_Q).maxBudget(), "\"query: \" takes two tokens");
    assertEquals(1, chunker.chunk("one two three", 510, 0).size());
    assertThrows(IllegalArgumentException.class, () -> chunker.chunk("text", 511, 0));
    assertThrows(IllegalArgumentException.class, () -> chunker.chunk("text", 0, 0));
    assertThrows(IllegalArgumentException.class, () -> chunker.chunk("text", 8, 8));
    assertThrows(IllegalArgumentException.class, () -> chunker.chunk("text", 8, -1));
  }
}
