package dev.songmood.encode;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Splits one lyric into chunks that fit the encoder's token budget. The whole text is tokenised once and boundaries
 * are chosen at token indices, so the chunks cover the tokenisation exactly (no token lost or re-tokenised
 * differently at a cut) and carry their ids to the encoder. Whole lines are packed greedily, because a lyric's line
 * is its unit of meaning; a line longer than the budget is cut at the last word start that fits, else mid-word.
 */
public final class Chunker {
  /**
   * Raw tokenisation: no [CLS]/[SEP] (the encoder adds them per chunk), and neither truncation nor padding. The
   * MiniLM tokenizer.json files ask for truncation and padding at 128 tokens, which DJL would otherwise apply.
   */
  static final Map<String, String> TOKENIZER_OPTIONS =
      Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");

  /**
   * Tokens {@code [firstToken, firstToken + ids.length)} of the whole text and the text they came from. The
   * {@code ids} array is shared, not copied: do not modify it.
   */
  public record Chunk(int firstToken, long[] ids, String text) {
    public int tokenCount() { return ids.length; }

    public int endToken() { return firstToken + ids.length; }
  }

  private final HuggingFaceTokenizer tokenizer;
  private final int maxBudget;

  /** {@code maxBudget}: the most tokens a chunk may hold, i.e. the model's positions less specials and prefix. */
  public Chunker(HuggingFaceTokenizer tokenizer, int maxBudget) {
    if (!"DO_NOT_TRUNCATE".equals(tokenizer.getTruncation())) {
      throw new IllegalArgumentException("the chunker needs a tokenizer that does not truncate, found truncation "
          + tokenizer.getTruncation() + " (open it with Chunker.openTokenizer)");
    }
    this.tokenizer = tokenizer;
    this.maxBudget = maxBudget;
  }

  /** A chunker with the model's own tokenizer, read from the classpath (no ONNX session needed). */
  public static Chunker forModel(EncoderModel model) {
    try (InputStream in = model.open(model.tokenizerResource())) {
      HuggingFaceTokenizer tokenizer = openTokenizer(in);
      int prefixTokens = tokenizer.encode(model.textPrefix(), false, false).getIds().length;
      return new Chunker(tokenizer, model.maxPositions() - 2 - prefixTokens);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + model.tokenizerResource(), e);
    }
  }

  /** Opens a tokenizer.json with the options the chunker relies on. */
  static HuggingFaceTokenizer openTokenizer(InputStream tokenizerJson) throws IOException {
    return HuggingFaceTokenizer.newInstance(tokenizerJson, TOKENIZER_OPTIONS);
  }

  static HuggingFaceTokenizer openTokenizer(Path tokenizerJson) throws IOException {
    return HuggingFaceTokenizer.newInstance(tokenizerJson, TOKENIZER_OPTIONS);
  }

  public HuggingFaceTokenizer tokenizer() { return tokenizer; }

  public int maxBudget() { return maxBudget; }

  /** Token ids of the whole text, without special tokens. */
  public long[] tokenize(String text) {
    return tokenizer.encode(wellFormed(text), false, false).getIds();
  }

  /**
   * Chunks of at most {@code budget} tokens; each chunk after the first starts {@code overlap} tokens before the end
   * of the previous one. Blank or token-less text gives no chunks.
   */
  public List<Chunk> chunk(String text, int budget, int overlap) {
    if (budget < 1 || budget > maxBudget) {
      throw new IllegalArgumentException("budget must be 1.." + maxBudget + " tokens, got " + budget);
    }
    if (overlap < 0 || overlap >= budget) {
      throw new IllegalArgumentException("overlap must be 0.." + (budget - 1) + " tokens (below the budget), got "
          + overlap);
    }
    if (text == null || text.isBlank()) {
      return List.of();
    }
    text = wellFormed(text);
    Encoding encoding = tokenizer.encode(text, false, false);
    long[] ids = encoding.getIds();
    int n = ids.length;
    int[] begin = new int[n];
    int[] end = new int[n];
    toUtf16(text, encoding.getCharTokenSpans(), begin, end);
    List<Chunk> chunks = new ArrayList<>();
    int start = 0;
    int covered = 0; // tokens [0, covered) are already in a chunk
    while (covered < n) {
      int cut = cutPoint(text, begin, end, start, covered, budget);
      chunks.add(new Chunk(start, Arrays.copyOfRange(ids, start, cut), text.substring(begin[start], end[cut - 1])));
      covered = cut;
      start = Math.max(start, cut - overlap);  // after a chunk cut short at a line end: not before its start
    }
    return chunks;
  }

  /**
   * The text with each lone UTF-16 surrogate as U+FFFD. The tokenizer reads the text as UTF-8, where half a pair
   * has no form: its offsets would no longer match the Java string (the cleaning stages already replace them; this
   * keeps the chunker total on any text).
   */
  static String wellFormed(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean lone = Character.isHighSurrogate(c)
          ? i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))
          : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
      if (lone && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (out != null) {
        out.append(lone ? '\uFFFD' : c);
      }
    }
    return out == null ? text : out.toString();
  }

  /**
   * End (exclusive) of the chunk that starts at token {@code start}: the last line start that fits, else the last
   * word start, else the budget. It always lies past {@code covered}, so every chunk adds new tokens.
   */
  private static int cutPoint(String text, int[] begin, int[] end, int start, int covered, int budget) {
    int limit = start + budget;
    if (limit >= begin.length) {
      return begin.length;
    }
    int lowest = Math.max(start, covered) + 1;
    for (int i = limit; i >= lowest; i--) {
      if (gapHasLineBreak(text, end[i - 1], begin[i])) {
        return i;
      }
    }
    for (int i = limit; i >= lowest; i--) {
      if (begin[i] > end[i - 1]) {
        return i;
      }
    }
    return limit;
  }

  private static boolean gapHasLineBreak(String text, int from, int to) {
    for (int c = from; c < to; c++) {
      if (text.charAt(c) == '\n' || text.charAt(c) == '\r') {
        return true;
      }
    }
    return false;
  }

  /**
   * The tokenizer reports offsets in code points (Rust chars), Java strings index UTF-16 units: they part ways after
   * the first character outside the Basic Multilingual Plane, such as an emoji.
   */
  private static void toUtf16(String text, CharSpan[] spans, int[] begin, int[] end) {
    int[] index = null;
    if (text.codePointCount(0, text.length()) != text.length()) {
      index = new int[text.codePointCount(0, text.length()) + 1];
      int cp = 0;
      for (int c = 0; c < text.length(); c += Character.charCount(text.codePointAt(c))) {
        index[cp++] = c;
      }
      index[cp] = text.length();
    }
    for (int i = 0; i < spans.length; i++) {
      begin[i] = index == null ? spans[i].getStart() : index[spans[i].getStart()];
      end[i] = index == null ? spans[i].getEnd() : index[spans[i].getEnd()];
    }
  }
}
