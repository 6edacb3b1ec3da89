package dev.songmood.stages.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * VADER's rule-based sentiment of one sentence (Hutto and Gilbert, ICWSM 2014), written for songmood from the
 * paper and the reference implementation's rules (vaderSentiment 3.3): lexicon valences (the MIT-licensed VADER
 * lexicon, {@code /dev/songmood/stages/lexicon/}), boosters and dampeners up to three words before (±0.293, less
 * with distance), negation up to three words before (×-0.74), ALL-CAPS emphasis when the sentence mixes case
 * (±0.733), "least", a few idioms, the contrastive "but" (×0.5 before, ×1.5 after), "!" and "?" emphasis, and the
 * normalisation x / sqrt(x² + 15). Not done: emoji (lyrics have next to none).
 *
 * <p>One difference on purpose: the reference weights around "but" by the position of the first equal value, a
 * bug when two words share a valence; here every word is weighted by its own position.
 */
public final class VaderSentiment {
  static final double B_INCR = 0.293;
  static final double C_INCR = 0.733;
  static final double N_SCALAR = -0.74;
  static final double ALPHA = 15.0;
  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  private VaderSentiment() {
  }

  /** compound in [-1, 1]; pos, neg and neu are shares of the sentence's sentiment mass (summing to 1, or all 0). */
  public record Scores(double compound, double pos, double neg, double neu) {
  }

  /**
   * The running sums that VADER's scores are made of, for one sentence or for several (a song's lines) added up:
   * sum of valences, VADER's positive and negative mass (each valence shifted by 1), and neutral word count.
   */
  public static final class Tally {
    private double sum;
    private double posSum;
    private double negSum;
    private int neutral;
    private int words;

    void add(double valence) {
      words++;
      sum += valence;
      if (valence > 0) {
        posSum += valence + 1;
      } else if (valence < 0) {
        negSum += valence - 1;
      } else {
        neutral++;
      }
    }

    /** Adds another tally's words. */
    public void addAll(Tally other) {
      sum += other.sum;
      posSum += other.posSum;
      negSum += other.negSum;
      neutral += other.neutral;
      words += other.words;
    }

    /** VADER's score_valence, with the emphasis of the text's "!" and "?". */
    public Scores scores(String text) {
      if (words == 0) {
        return new Scores(0, 0, 0, 0);
      }
      double emphasis = punctuationEmphasis(text);
      double s = sum > 0 ? sum + emphasis : sum < 0 ? sum - emphasis : sum;
      double pos = posSum;
      double neg = negSum;
      if (pos > Math.abs(neg)) {
        pos += emphasis;
      } else if (pos < Math.abs(neg)) {
        neg -= emphasis;
      }
      double total = pos + Math.abs(neg) + neutral;
      return new Scores(normalize(s), Math.abs(pos / total), Math.abs(neg / total), Math.abs(neutral / total));
    }
  }

  /** VADER's scores of one sentence. */
  public static Scores polarity(String sentence) {
    return tally(sentence).scores(sentence);
  }

  /** The valences of one sentence's words, VADER's rules applied, added up. */
  public static Tally tally(String sentence) {
    List<String> words = tokens(sentence);
    int n = words.size();
    List<String> lower = new ArrayList<>(n);
    words.forEach(w -> lower.add(w.toLowerCase(Locale.ROOT)));
    boolean capDiff = capDifferential(words);
    double[] valences = new double[n];
    for (int i = 0; i < n; i++) {
      boolean modifier = VaderWords.BOOSTERS.containsKey(lower.get(i))
          || i < n - 1 && lower.get(i).equals("kind") && lower.get(i + 1).equals("of");
      valences[i] = modifier ? 0.0 : valence(words, lower, i, capDiff);
    }
    int but = lower.indexOf("but");
    Tally t = new Tally();
    for (int i = 0; i < n; i++) {
      t.add(but < 0 || i == but ? valences[i] : valences[i] * (i < but ? 0.5 : 1.5));
    }
    return t;
  }

  /** x / sqrt(x² + 15), clipped to [-1, 1]. */
  public static double normalize(double score) {
    return Math.max(-1.0, Math.min(1.0, score / Math.sqrt(score * score + ALPHA)));
  }

  /** Up to four "!" add 0.292 each; two or three "?" add 0.18 each, more add 0.96. */
  static double punctuationEmphasis(String text) {
    int exclamations = 0;
    int questions = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      exclamations += c == '!' ? 1 : 0;
      questions += c == '?' ? 1 : 0;
    }
    double qm = questions <= 1 ? 0.0 : questions <= 3 ? questions * 0.18 : 0.96;
    return Math.min(exclamations, 4) * 0.292 + qm;
  }

  private static double valence(List<String> words, List<String> lower, int i, boolean capDiff) {
    Map<String, Double> lexicon = VaderWords.LEXICON;
    Double base = lexicon.get(lower.get(i));
    if (base == null) {
      return 0.0;
    }
    double v = base;
    int n = words.size();
    if (lower.get(i).equals("no") && i != n - 1 && lexicon.containsKey(lower.get(i + 1))) {
      v = 0.0;  // "no" negates the next word instead of counting itself
    }
    if (i > 0 && lower.get(i - 1).equals("no") || i > 1 && lower.get(i - 2).equals("no")
        || i > 2 && lower.get(i - 3).equals("no")
            && (lower.get(i - 1).equals("or") || lower.get(i - 1).equals("nor"))) {
      v = base * N_SCALAR;
    }
    if (capDiff && isUpper(words.get(i))) {
      v += v > 0 ? C_INCR : -C_INCR;
    }
    for (int back = 0; back < 3; back++) {
      int j = i - (back + 1);
      if (j >= 0 && !lexicon.containsKey(lower.get(j))) {
        double s = booster(words.get(j), lower.get(j), v, capDiff);
        v += back == 1 ? s * 0.95 : back == 2 ? s * 0.9 : s;
        v = negation(v, lower, back, i);
        if (back == 2) {
          v = idioms(v, lower, i);
        }
      }
    }
    return least(v, lower, i);
  }

  private static double booster(String word, String lower, double valence, boolean capDiff) {
    Double b = VaderWords.BOOSTERS.get(lower);
    if (b == null) {
      return 0.0;
    }
    double scalar = valence < 0 ? -b : b;
    if (capDiff && isUpper(word)) {
      scalar += valence > 0 ? C_INCR : -C_INCR;
    }
    return scalar;
  }

  private static double negation(double v, List<String> w, int back, int i) {
    if (back == 0) {
      return negated(w.get(i - 1)) ? v * N_SCALAR : v;
    }
    if (back == 1) {
      if (w.get(i - 2).equals("never") && (w.get(i - 1).equals("so") || w.get(i - 1).equals("this"))) {
        return v * 1.25;
      }
      if (w.get(i - 2).equals("without") && w.get(i - 1).equals("doubt")) {
        return v;
      }
      return negated(w.get(i - 2)) ? v * N_SCALAR : v;
    }
    if (w.get(i - 3).equals("never") && (w.get(i - 2).equals("so") || w.get(i - 2).equals("this"))
        || w.get(i - 1).equals("so") || w.get(i - 1).equals("this")) {
      return v * 1.25;
    }
    if (w.get(i - 3).equals("without") && (w.get(i - 2).equals("doubt") || w.get(i - 1).equals("doubt"))) {
      return v;
    }
    return negated(w.get(i - 3)) ? v * N_SCALAR : v;
  }

  static boolean negated(String lowerWord) {
    return VaderWords.NEGATE.contains(lowerWord) || lowerWord.contains("n't");
  }

  /** Phrases that replace a word's valence, and two-word dampeners ("kind of") two or three words before. */
  private static double idioms(double v, List<String> w, int i) {
    String oneZero = w.get(i - 1) + " " + w.get(i);
    String twoOneZero = w.get(i - 2) + " " + oneZero;
    String twoOne = w.get(i - 2) + " " + w.get(i - 1);
    String threeTwoOne = w.get(i - 3) + " " + twoOne;
    String threeTwo = w.get(i - 3) + " " + w.get(i - 2);
    for (String seq : List.of(oneZero, twoOneZero, twoOne, threeTwoOne, threeTwo)) {
      if (VaderWords.SPECIAL_CASES.containsKey(seq)) {
        v = VaderWords.SPECIAL_CASES.get(seq);
        break;
      }
    }
    String zeroOne = w.size() - 1 > i ? w.get(i) + " " + w.get(i + 1) : null;
    if (zeroOne != null && VaderWords.SPECIAL_CASES.containsKey(zeroOne)) {
      v = VaderWords.SPECIAL_CASES.get(zeroOne);
    }
    String zeroOneTwo = w.size() - 1 > i + 1 ? zeroOne + " " + w.get(i + 2) : null;
    if (zeroOneTwo != null && VaderWords.SPECIAL_CASES.containsKey(zeroOneTwo)) {
      v = VaderWords.SPECIAL_CASES.get(zeroOneTwo);
    }
    for (String gram : List.of(threeTwoOne, threeTwo, twoOne)) {
      v += VaderWords.BOOSTERS.getOrDefault(gram, 0.0);
    }
    return v;
  }

  /** "least" right before negates ("the least good"), but not in "at least" or "very least". */
  private static double least(double v, List<String> w, int i) {
    if (i > 0 && w.get(i - 1).equals("least") && !VaderWords.LEXICON.containsKey("least")) {
      if (i == 1 || !w.get(i - 2).equals("at") && !w.get(i - 2).equals("very")) {
        return v * N_SCALAR;
      }
    }
    return v;
  }

  /** Whitespace-separated tokens with leading and trailing punctuation cut, unless that leaves 2 chars or less. */
  static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      while (i < n && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(stripPunctuation(text.substring(start, i)));
      }
    }
    return out;
  }

  private static String stripPunctuation(String token) {
    int a = 0;
    int b = token.length();
    while (a < b && PUNCTUATION.indexOf(token.charAt(a)) >= 0) {
      a++;
    }
    while (b > a && PUNCTUATION.indexOf(token.charAt(b - 1)) >= 0) {
      b--;
    }
    return b - a <= 2 ? token : token.substring(a, b);
  }

  /** Python's str.isupper: at least one cased letter, and no lower-case or title-case one. */
  static boolean isUpper(String word) {
    boolean cased = false;
    for (int k = 0; k < word.length(); k++) {
      char c = word.charAt(k);
      if (Character.isLowerCase(c) || Character.isTitleCase(c)) {
        return false;
      }
      cased |= Character.isUpperCase(c);
    }
    return cased;
  }

  /** Whether some but not all words are ALL CAPS: only then does case mark emphasis. */
  static boolean capDifferential(List<String> words) {
    long caps = words.stream().filter(VaderSentiment::isUpper).count();
    return caps > 0 && caps < words.size();
  }
}
