package dev.songmood.stages.text;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The contraction table of the bag-of-words cleaning and its expansion.
 *
 * <p>Lyrics are full of spoken forms ({@code don't}, {@code gonna}, {@code singin'}); expanding them
 * before punctuation is stripped keeps {@code don't} from turning into the meaningless tokens
 * {@code don} and {@code t}, and lets {@code gonna} and {@code going to} count as the same words.
 *
 * <p>Input is expected to use the ASCII apostrophe (what {@link LyricsText#normalizeLight} produces).
 * Matching ignores case, but every expansion is written in lower case, because its only caller
 * lower-cases the text first. Stateless and thread-safe: the patterns are immutable static finals.
 */
public final class Contractions {

    private Contractions() {
    }

    /** A letter, combining mark or digit: anything that would make the match part of a longer word. */
    private static final String WORD_CHAR = "[\\p{L}\\p{M}\\p{N}]";

    // ASCII-only case folding: the keys are ASCII, and Unicode folding would let look-alikes such as
    // the long s match a key that lower-casing the hit could then not find in the table.
    private static final int IGNORE_CASE = Pattern.CASE_INSENSITIVE;

    /**
     * Forms that are expanded only as a whole word. The irregular negatives sit here so that the
     * generic {@code n't} rule never sees them ({@code can't} would otherwise become "ca not").
     */
    private static final Map<String, String> WHOLE_WORDS = Map.ofEntries(
            Map.entry("won't", "will not"),
            Map.entry("can't", "cannot"),
            Map.entry("shan't", "shall not"),
            Map.entry("ain't", "is not"),
            Map.entry("let's", "let us"),
            Map.entry("it's", "it is"),
            Map.entry("that's", "that is"),
            Map.entry("what's", "what is"),
            Map.entry("he's", "he is"),
            Map.entry("she's", "she is"),
            Map.entry("there's", "there is"),
            Map.entry("here's", "here is"),
            Map.entry("who's", "who is"),
            Map.entry("where's", "where is"),
            Map.entry("y'all", "you all"),
            Map.entry("'cause", "because"),
            Map.entry("'cos", "because"),
            Map.entry("'em", "them"),
            Map.entry("'til", "until"),
            Map.entry("'till", "until"),
            Map.entry("o'", "of"),
            Map.entry("gonna", "going to"),
            Map.entry("wanna", "want to"),
            Map.entry("gotta", "got to"),
            Map.entry("gimme", "give me"),
            Map.entry("lemme", "let me"));

    /**
     * Endings that attach to any word. The leading space splits the ending off as a word of its own
     * ({@code they've} -> {@code they have}).
     */
    private static final Map<String, String> SUFFIXES = Map.of(
            "n't", " not",
            "'re", " are",
            "'m", " am",
            "'ll", " will",
            "'ve", " have",
            "'d", " would");

    // Whole words must not be glued to other letters: "bit's" is not "it's", "o'clock" is not "o'".
    // (The leading look-ahead on the first letters only saves time: the Unicode look-behind is then
    // tried at a few positions instead of at every one.)
    private static final Pattern WHOLE_WORD = Pattern.compile(
            "(?=[" + firstChars(WHOLE_WORDS) + "])(?<!" + WORD_CHAR + ")(?:" + alternation(WHOLE_WORDS) + ")(?!"
                    + WORD_CHAR + ")", IGNORE_CASE);

    // A suffix needs a word in front of it; a lone "'m" or "'d" is left alone.
    private static final Pattern SUFFIX = Pattern.compile(
            "(?=[" + firstChars(SUFFIXES) + "])(?<=\\p{L})(?:" + alternation(SUFFIXES) + ")(?!" + WORD_CHAR + ")",
            IGNORE_CASE);

    // Dropped g (singin', nothin'): at least two letters before "in'" so that "in'" itself, or a
    // quoted "'in'", is never read as a verb.
    private static final Pattern DROPPED_G = Pattern.compile(
            "in'(?<=\\p{L}\\p{L}in')(?!" + WORD_CHAR + ")", IGNORE_CASE);

    /**
     * Expands the contractions, slang forms and dropped-g endings of {@code text}. Possessive
     * {@code 's} is left in place for the caller to drop. Returns {@code null} for {@code null}.
     */
    public static String expand(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        // Whole words first: they contain suffixes the generic rule would mangle.
        String s = replaceFromTable(WHOLE_WORD, WHOLE_WORDS, text);
        if (s.indexOf('\'') < 0) {
            return s; // every remaining rule needs an apostrophe
        }
        s = replaceFromTable(SUFFIX, SUFFIXES, s);
        return DROPPED_G.matcher(s).replaceAll("ing");
    }

    private static String replaceFromTable(Pattern pattern, Map<String, String> table, String text) {
        return pattern.matcher(text).replaceAll(hit -> Matcher.quoteReplacement(
                table.get(hit.group().toLowerCase(Locale.ROOT))));
    }

    /** The distinct first characters of the keys, as the body of a character class. */
    private static String firstChars(Map<String, String> table) {
        return table.keySet().stream()
                .map(key -> key.substring(0, 1))
                .distinct()
                .sorted()
                .collect(Collectors.joining());
    }

    /** Longest keys first, so a key is never shadowed by one of its own prefixes. */
    private static String alternation(Map<String, String> table) {
        return table.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .map(Pattern::quote)
                .collect(Collectors.joining("|"));
    }
}
