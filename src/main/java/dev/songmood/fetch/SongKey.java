package dev.songmood.fetch;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The cache key of an artist or a title: accents, case, punctuation and spacing do not make another song
 * ("Beyoncé" = "beyonce", "Don't Stop" = "dont stop"). Empty when nothing is left: such a row is not asked.
 */
public final class SongKey {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern APOSTROPHES = Pattern.compile("['\u2019\u2018`\u00B4]");
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private SongKey() {
  }

  public static String normalise(String s) {
    if (s == null) {
      return null;
    }
    String t = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFKD)).replaceAll("");
    t = APOSTROPHES.matcher(t.toLowerCase(Locale.ROOT).replace("&", " and ")).replaceAll("");
    return NOT_WORD.matcher(t).replaceAll(" ").trim();
  }
}
