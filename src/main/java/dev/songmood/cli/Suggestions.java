package dev.songmood.cli;

import java.util.Collection;
import java.util.List;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * "Did you mean ...?" for a misspelt option or command, by prefix first, then by edit distance: a word that begins
 * known names ({@code --datab}: {@code --database}; {@code --lyrics}: both {@code --lyrics-col} and
 * {@code --lyrics-only}), then the longest known name the word begins with ({@code --output}: {@code --out};
 * {@code --inputs}: {@code --input}), then the closest name within {@link #MAX_EDITS} edits ({@code lable}:
 * {@code label}). Partial matching is off in the parser, so a prefix is only ever a suggestion, never taken.
 */
final class Suggestions {
  /** Edits a typo may have: two catches a swap of two letters ({@code inptu}) and not much else. */
  static final int MAX_EDITS = 2;
  /** The shortest prefix worth a suggestion: {@code --o} could mean anything. */
  static final int MIN_PREFIX = 3;
  /** Most names listed when a word begins several. */
  static final int MAX_LISTED = 4;

  private Suggestions() {
  }

  /** The names to suggest for {@code typed} (empty when nothing is close), best first. */
  static List<String> closest(String typed, Collection<String> names) {
    if (typed.length() >= MIN_PREFIX) {
      List<String> longer = names.stream().filter(n -> n.startsWith(typed) && !n.equals(typed)).sorted()
          .limit(MAX_LISTED).toList();
      if (!longer.isEmpty()) {
        return longer;
      }
      List<String> shorter = names.stream().filter(n -> n.length() >= MIN_PREFIX && typed.startsWith(n))
          .sorted((a, b) -> b.length() != a.length() ? b.length() - a.length() : a.compareTo(b)).limit(1).toList();
      if (!shorter.isEmpty()) {
        return shorter;
      }
    }
    LevenshteinDistance distance = new LevenshteinDistance(MAX_EDITS);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String name : names) {
      int d = distance.apply(typed, name);
      if (d >= 0 && (d < bestDistance || d == bestDistance && name.compareTo(best) < 0)) {
        best = name;
        bestDistance = d;
      }
    }
    return best == null ? List.of() : List.of(best);
  }

  /** "; did you mean --a?" or "; did you mean --a or --b?" ({@code dashes}: "--" for options), or "". */
  static String didYouMean(String typed, Collection<String> names, String dashes) {
    List<String> found = closest(typed, names);
    if (found.isEmpty()) {
      return "";
    }
    List<String> shown = found.stream().map(n -> dashes + n).toList();
    String listed = shown.size() == 1 ? shown.get(0)
        : String.join(", ", shown.subList(0, shown.size() - 1)) + " or " + shown.get(shown.size() - 1);
    return "; did you mean " + listed + "?";
  }
}
