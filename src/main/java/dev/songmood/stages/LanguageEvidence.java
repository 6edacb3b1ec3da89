package dev.songmood.stages;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.ml.feature.StopWordsRemover;

/**
 * Whether the detector's answer that a text is in a language the model was not trained on is strong enough to keep
 * the song from the model. An n-gram detector guesses confidently from little: a few short lines sung over and over
 * ("oh oh oh, na na na") read as Haitian Creole, Estonian or Tagalog. So the answer is taken only when most of the
 * text's letters are in a script the model's languages are not written in (Cyrillic, Arabic or Han lyrics for an
 * English model), or when the detector gives it {@value #MIN_PROBABILITY} or more and the text has at least
 * {@value #MIN_DISTINCT_WORDS} distinct words of which fewer than {@value #MAX_COMMON_SHARE} are common words of the
 * model's own languages (Spark ML's stop word lists, whose letters also give those languages' scripts; "the",
 * "and", "you" make up some 40% of English lyrics and a few percent of Spanish or French ones). Otherwise the
 * language counts as undetermined, which the model reads.
 */
final class LanguageEvidence {
  static final int MIN_DISTINCT_WORDS = 15;
  static final double MIN_PROBABILITY = 0.8;
  static final double MAX_COMMON_SHARE = 0.15;
  /** Below this share of its letters in the model's languages' scripts, a text is written in another script. */
  static final double MIN_OWN_SCRIPT_SHARE = 0.5;
  /** ISO 639-1 codes of the languages Spark ML has stop word lists for, with their list's name. */
  private static final Map<String, String> STOP_WORD_LISTS = Map.ofEntries(Map.entry("da", "danish"),
      Map.entry("nl", "dutch"), Map.entry("en", "english"), Map.entry("fi", "finnish"), Map.entry("fr", "french"),
      Map.entry("de", "german"), Map.entry("hu", "hungarian"), Map.entry("it", "italian"),
      Map.entry("no", "norwegian"), Map.entry("pt", "portuguese"), Map.entry("ru", "russian"),
      Map.entry("es", "spanish"), Map.entry("sv", "swedish"), Map.entry("tr", "turkish"));
  private static final Map<String, Set<String>> COMMON = new ConcurrentHashMap<>();

  /** What the evidence is made of, for the quarantine detail and for measuring. */
  record Measures(int words, int distinctWords, double commonShare, double ownScriptShare) {
  }

  private LanguageEvidence() {
  }

  /** Whether {@code probability} and the text's words are strong evidence it is in none of {@code trained}. */
  static boolean strong(String text, double probability, List<String> trained) {
    Measures m = measure(text, trained);
    if (m.ownScriptShare() < MIN_OWN_SCRIPT_SHARE) {
      return true;  // not the model's languages, whichever language it is (Chinese and Japanese share Han)
    }
    return probability >= MIN_PROBABILITY && m.distinctWords() >= MIN_DISTINCT_WORDS
        && m.commonShare() < MAX_COMMON_SHARE;
  }

  /** The text's words (a run of letters; a character of a script written without spaces is a word of its own). */
  static Measures measure(String text, List<String> trained) {
    Set<String> common = new HashSet<>();
    for (String language : trained) {
      common.addAll(common(language));
    }
    Set<Character.UnicodeScript> scripts = new HashSet<>();
    common.forEach(w -> w.codePoints().filter(Character::isLetter).forEach(c -> scripts.add(
        Character.UnicodeScript.of(c))));
    int letters = 0;
    int ownScript = 0;
    Set<String> distinct = new HashSet<>();
    int words = 0;
    int inCommon = 0;
    StringBuilder word = new StringBuilder();
    for (int i = 0; i <= text.length(); ) {
      int read = i < text.length() ? text.codePointAt(i) : ' ';
      int c = read == '\u2019' ? '\'' : read;  // a typographic apostrophe, as in "don’t"

      boolean unspaced = Character.isLetter(c) && unspacedScript(c);
      if (Character.isLetter(c)) {
        letters++;
        ownScript += scripts.contains(Character.UnicodeScript.of(c)) ? 1 : 0;
      }
      boolean inWord = Character.isLetter(c) || c == '\'' && word.length() > 0;
      if (!inWord || unspaced) {
        if (word.length() > 0) {
          String w = word.toString().toLowerCase(Locale.ROOT);
          words++;
          distinct.add(w);
          inCommon += common.contains(w) ? 1 : 0;
          word.setLength(0);
        }
        if (unspaced) {
          words++;
          distinct.add(new String(Character.toChars(c)));
        }
      } else {
        word.appendCodePoint(c);
      }
      i += i < text.length() ? Character.charCount(read) : 1;
    }
    return new Measures(words, distinct.size(), words == 0 ? 0 : (double) inCommon / words,
        scripts.isEmpty() || letters == 0 ? 1 : (double) ownScript / letters);
  }

  private static boolean unspacedScript(int c) {
    Character.UnicodeScript s = Character.UnicodeScript.of(c);
    return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
        || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.THAI
        || s == Character.UnicodeScript.LAO || s == Character.UnicodeScript.KHMER
        || s == Character.UnicodeScript.MYANMAR;
  }

  /** The common words of a language (Spark ML's stop words), empty for a language Spark has none for. */
  private static Set<String> common(String language) {
    return COMMON.computeIfAbsent(language, l -> {
      String list = STOP_WORD_LISTS.get(l);
      return list == null ? Set.of() : new HashSet<>(Arrays.asList(StopWordsRemover.loadDefaultStopWords(list)));
    });
  }
}
