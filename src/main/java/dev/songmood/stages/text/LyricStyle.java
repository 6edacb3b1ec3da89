package dev.songmood.stages.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Style and structure of a lyric, as numbers: how much it repeats (lines, and blocks of lines: a chorus), how long
 * its sections are (stanzas, separated by blank lines), its vocabulary's variety, who it addresses (pronouns), how
 * it is punctuated and shouted, and its tense. Rules on lightly normalised text ({@link LyricsText#normalizeLight}),
 * not a tagger: past tense is "-ed" words and a short irregular list, the future "will", "'ll" and "gonna".
 * Every rule is a plain loop, linear or (blocks) quadratic in the number of lines.
 */
public final class LyricStyle {
  /** The features, in vector order. */
  public static final List<String> NAMES = List.of("repeated_line_share", "chorus_line_share", "lines_per_section",
      "words_per_section", "type_token_ratio", "first_person_share", "second_person_share", "we_share",
      "exclamation_line_share", "question_line_share", "caps_line_share", "past_tense_share", "future_share");

  private static final Set<String> FIRST = Set.of("i", "me", "my", "mine", "myself", "i'm", "i've", "i'll", "i'd");
  private static final Set<String> SECOND = Set.of("you", "your", "yours", "yourself", "you're", "you've", "you'll",
      "you'd");
  private static final Set<String> WE = Set.of("we", "us", "our", "ours", "ourselves", "we're", "we've", "we'll",
      "we'd");
  private static final Set<String> IRREGULAR_PAST = Set.of("was", "were", "had", "did", "went", "came", "saw", "said",
      "knew", "felt", "left", "lost", "told", "thought", "made", "got", "gave", "took", "found", "became", "began",
      "brought", "bought", "fell", "held", "kept", "ran", "sat", "stood", "wrote", "spoke", "broke", "forgot",
      "heard", "meant", "met", "sent", "slept", "spent", "woke", "drove", "flew", "grew", "threw", "fought",
      "caught", "taught", "sang", "wore", "hid", "led");
  /** "-ed" words that are not past forms. */
  private static final Set<String> NOT_PAST = Set.of("need", "feed", "seed", "speed", "bleed", "breed", "weed",
      "greed", "indeed", "proceed", "succeed", "exceed", "hundred", "sacred", "naked", "wicked", "ragged");

  private LyricStyle() {
  }

  /** The features of one lyric; all zero for empty text. */
  public static double[] features(String text) {
    double[] f = new double[NAMES.size()];
    if (text == null || text.isBlank()) {
      return f;
    }
    List<String> lines = new ArrayList<>();
    int sections = 0;
    boolean inSection = false;
    for (String raw : text.split("\n", -1)) {
      String line = raw.strip();
      if (line.isEmpty()) {
        inSection = false;
        continue;
      }
      if (!inSection) {
        sections++;
        inSection = true;
      }
      lines.add(line);
    }
    int n = lines.size();
    int[] ids = lineIds(lines);
    f[0] = share(repeated(ids), n);
    f[1] = share(inRepeatedBlocks(ids), n);
    List<String> words = new ArrayList<>();
    int exclaimed = 0;
    int asked = 0;
    int shouted = 0;
    for (String line : lines) {
      words.addAll(words(line));
      exclaimed += line.indexOf('!') >= 0 ? 1 : 0;
      asked += line.indexOf('?') >= 0 ? 1 : 0;
      shouted += allCaps(line) ? 1 : 0;
    }
    int w = words.size();
    f[2] = (double) n / sections;
    f[3] = (double) w / sections;
    f[4] = share(new HashSet<>(words).size(), w);
    f[5] = share(count(words, FIRST::contains), w);
    f[6] = share(count(words, SECOND::contains), w);
    f[7] = share(count(words, WE::contains), w);
    f[8] = share(exclaimed, n);
    f[9] = share(asked, n);
    f[10] = share(shouted, n);
    f[11] = share(count(words, LyricStyle::past), w);
    f[12] = share(count(words, x -> x.equals("will") || x.equals("gonna") || x.endsWith("'ll")), w);
    return f;
  }

  /** Each line's id: equal for lines equal up to case, punctuation and spacing. */
  static int[] lineIds(List<String> lines) {
    Map<String, Integer> seen = new HashMap<>();
    int[] ids = new int[lines.size()];
    for (int i = 0; i < ids.length; i++) {
      String key = String.join(" ", words(lines.get(i)));
      ids[i] = seen.computeIfAbsent(key.isEmpty() ? lines.get(i) : key, k -> seen.size());
    }
    return ids;
  }

  /** Lines whose text occurs more than once in the lyric. */
  static int repeated(int[] ids) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (int id : ids) {
      counts.merge(id, 1, Integer::sum);
    }
    int r = 0;
    for (int id : ids) {
      r += counts.get(id) > 1 ? 1 : 0;
    }
    return r;
  }

  /**
   * Lines inside a block of two or more consecutive lines that occurs again elsewhere (a chorus, a repeated
   * couplet): every diagonal of the line-equality matrix is walked once, and each run of two or more matches marks
   * both of its copies.
   */
  static int inRepeatedBlocks(int[] ids) {
    int n = ids.length;
    boolean[] marked = new boolean[n];
    for (int d = 1; d < n; d++) {
      int run = 0;
      for (int i = 0; i + d <= n; i++) {
        boolean match = i + d < n && ids[i] == ids[i + d];
        if (match) {
          run++;
        } else {
          if (run >= 2) {
            for (int k = i - run; k < i; k++) {
              marked[k] = true;
              marked[k + d] = true;
            }
          }
          run = 0;
        }
      }
    }
    int c = 0;
    for (boolean m : marked) {
      c += m ? 1 : 0;
    }
    return c;
  }

  /** Lower-case words: runs of letters, digits and inner apostrophes ("don't", "i'll"; "lovin'" is "lovin"). */
  static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    String s = line.toLowerCase(Locale.ROOT);
    int i = 0;
    while (i < s.length()) {
      while (i < s.length() && !wordChar(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < s.length() && (wordChar(s.charAt(i)) || s.charAt(i) == '\'')) {
        i++;
      }
      int end = i;
      while (end > start && s.charAt(end - 1) == '\'') {
        end--;
      }
      if (end > start) {
        out.add(s.substring(start, end));
      }
    }
    return out;
  }

  private static boolean wordChar(char c) {
    return Character.isLetterOrDigit(c);
  }

  /** At least two letters, none of them lower case. */
  static boolean allCaps(String line) {
    int letters = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (Character.isLetter(c)) {
        if (!Character.isUpperCase(c)) {
          return false;
        }
        letters++;
      }
    }
    return letters >= 2;
  }

  static boolean past(String word) {
    return IRREGULAR_PAST.contains(word)
        || word.length() > 3 && word.endsWith("ed") && !NOT_PAST.contains(word);
  }

  private static int count(List<String> words, java.util.function.Predicate<String> p) {
    int c = 0;
    for (String w : words) {
      c += p.test(w) ? 1 : 0;
    }
    return c;
  }

  private static double share(int part, int whole) {
    return whole == 0 ? 0.0 : (double) part / whole;
  }
}
