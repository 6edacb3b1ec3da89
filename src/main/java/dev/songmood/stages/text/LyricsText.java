package dev.songmood.stages.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text preparation for song lyrics, in two strengths.
 *
 * <ul>
 *   <li>{@link #normalizeLight} undoes what scraping and file formats did to a lyric (broken
 *       encodings, {@code .lrc} timing, section labels, ragged whitespace) and nothing more: case,
 *       punctuation and stop words carry meaning for a transformer encoder, so they stay.</li>
 *   <li>{@link #cleanFull} goes on to the bag-of-words form the original project's models were
 *       trained on: lower case, contractions expanded, punctuation and stop words gone, one line.</li>
 * </ul>
 *
 * <p>The class holds no state; every pattern is a precompiled immutable static final, so the
 * methods are thread-safe and can run inside Spark tasks without anything being serialised. The
 * patterns are bounded or anchored so that the work stays linear in the length of the lyric.
 */
public final class LyricsText {

    private LyricsText() {
    }

    /** Every line-oriented pattern: "^" and "$" at line ends, and only "\n" ends a line. */
    private static final int LINES = Pattern.MULTILINE | Pattern.UNIX_LINES;
    private static final int IGNORE_CASE = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private static final String WORD_CHAR = "[\\p{L}\\p{M}\\p{N}]";

    // ---- 1. Line ends, invisible characters, odd spaces, half pairs: a plain loop, see Characters ---

    // ---- 2. Encoding repair -------------------------------------------------------------------------

    /*
     * UTF-8 punctuation (bytes E2 80 xx) decoded as windows-1252 or as Latin-1: "â", then "€" or
     * U+0080, then the third byte's character. For the right double quote that byte is undefined in
     * windows-1252, so it shows up as U+009D, U+FFFD or not at all; hence the optional group.
     */
    private static final Pattern MOJIBAKE = Pattern.compile(
            "\\u00E2[\\u20AC\\u0080]([\\u2122\\u0099\\u02DC\\u0098\\u0153\\u009C\\u009D\\uFFFD"
                    + "\\u201C\\u0093\\u201D\\u0094\\u00A6]?)");
    // A lost apostrophe between letters: the replacement character, or the acute accent and
    // backtick that some keyboards type in its place ("don´t").
    private static final Pattern LOST_APOSTROPHE = Pattern.compile("(?<=\\p{L})[\\uFFFD\\u00B4`](?=\\p{L})");
    // An apostrophe that a non-Unicode pipeline turned into "?": only in front of a contraction
    // ending that closes the word, so "why? so" and "what?salad" keep their question marks.
    private static final Pattern QUESTION_APOSTROPHE = Pattern.compile(
            "(?<=\\p{L})\\?(?=(?:s|t|m|ll|re|ve|d)(?!" + WORD_CHAR + "))", IGNORE_CASE);

    // ---- 3. .lrc timing -----------------------------------------------------------------------------

    // [mm:ss], [mm:ss.xx], [mm:ss:xx], and the <mm:ss.xx> word timing of enhanced lrc: never sung.
    private static final Pattern LRC_TIMESTAMP = Pattern.compile(
            "\\[\\d{1,3}:\\d{1,2}(?:[.:]\\d{1,3})?\\]|<\\d{1,3}:\\d{1,2}(?:[.:]\\d{1,3})?>");
    // Header tags go with their line end: they are file metadata, not a break in the song.
    private static final Pattern LRC_METADATA_LINE = Pattern.compile(
            "^ *\\[(?:ar|al|ti|au|by|re|ve|la|id|length|offset|tool|#) *:[^\\[\\]\\n]*\\] *(?:\\n|\\z)",
            LINES | IGNORE_CASE);

    // ---- 4. Section markers and repeat annotations --------------------------------------------------

    // "(x2)", "[2x]", "(repeat chorus)", "(3 times)", or a bare "x2" / "2x" closing the line.
    // (The look-ahead on the possible first characters only saves time.)
    private static final Pattern REPEAT_AT_LINE_END = Pattern.compile(
            "(?=[(\\[{x\\u00D7\\d])"
                    + "(?:[(\\[{] *(?:repeat[^()\\[\\]{}\\n]{0,40}"
                    + "|[x\\u00D7] *\\d{1,2}|\\d{1,2} *[x\\u00D7]|\\d{1,2} *times) *[)\\]}]"
                    + "|(?<!" + WORD_CHAR + ")(?:[x\\u00D7]\\d{1,2}|\\d{1,2}[x\\u00D7])) *$",
            LINES | IGNORE_CASE);

    /*
     * Square and curly brackets are editorial notation on lyric sites, so any short bracketed text
     * opening a line goes. Parentheses, though, usually hold sung words ("(hey!)"), so a parenthesis
     * only counts as a marker when it is exactly a section name with an optional number, performer
     * ("(Chorus: Name)") and repeat count; "(Bridge over troubled water)" stays.
     */
    private static final String SECTION_NAME =
            "(?:(?:pre|post)[- ]?)?(?:chorus|verse|bridge|intro|outro|hook|refrain|interlude|instrumental"
                    + "|breakdown|(?:guitar )?solo|coda|skit|spoken)"
                    + "(?: *(?:\\d{1,2}|[ivx]{1,4}))?(?: *:[^()\\n]{0,80})?"
                    + "(?: *(?:[x\\u00D7] *\\d{1,2}|\\d{1,2} *[x\\u00D7]))?";
    private static final String MARKER =
            "\\[[^\\[\\]\\n]{0,100}\\]|\\{[^{}\\n]{0,100}\\}|\\( *" + SECTION_NAME + " *\\)";
    /*
     * Leading markers are cut and the rest of the line kept ("[Chorus] some words"). A line that was
     * only a marker is left empty, i.e. it becomes a stanza break: the marker announced a new
     * section, and step 5 folds it into any blank line already there. One marker is matched at a
     * time in a loop (see stripLeadingMarkers): a repeated group, "(?:MARKER *)+", costs
     * java.util.regex a stack frame per repetition, and a line of a thousand "[a]" overflowed it.
     */
    private static final Pattern ONE_MARKER = Pattern.compile(" *(?:" + MARKER + ")", IGNORE_CASE);

    // ---- 5. Layout ----------------------------------------------------------------------------------

    private static final Pattern SPACE_RUN = Pattern.compile(" {2,}");
    // Runs this sees are single spaces (SPACE_RUN went first), which keeps " +$" linear.
    private static final Pattern LINE_EDGE_SPACE = Pattern.compile("^ +| +$", LINES);
    private static final Pattern BLANK_LINE_RUN = Pattern.compile("\\n{3,}");

    // ---- cleanFull -----------------------------------------------------------------------------------

    // Whatever 's the contraction table did not claim is a possessive ("mary's" -> "mary").
    private static final Pattern POSSESSIVE_S = Pattern.compile("'s(?<=" + WORD_CHAR + "'s)(?!" + WORD_CHAR + ")");

    /** Light normalisation for transformer encoders: keeps case, punctuation and stop words. */
    public static String normalizeLight(String raw) {
        if (raw == null || raw.isEmpty()) {
            return raw;
        }
        String s = Characters.fold(raw);

        s = repairEncoding(s);

        if (s.indexOf(':') >= 0) {
            s = LRC_TIMESTAMP.matcher(s).replaceAll("");
            s = LRC_METADATA_LINE.matcher(s).replaceAll("");
        }

        s = REPEAT_AT_LINE_END.matcher(s).replaceAll("");
        s = stripLeadingMarkers(s);

        s = SPACE_RUN.matcher(s).replaceAll(" ");
        s = LINE_EDGE_SPACE.matcher(s).replaceAll("");
        s = BLANK_LINE_RUN.matcher(s).replaceAll("\n\n");
        return trimNewlines(s);
    }

    /**
     * Full cleaning for bag-of-words models: normalizeLight, then lower-case, expand contractions,
     * strip punctuation, remove the given stop words, collapse whitespace to single spaces (lines
     * joined by single spaces, no newlines), trimmed.
     *
     * @param stopWords lower-case words to drop as whole tokens; {@code null} drops none
     */
    public static String cleanFull(String raw, Set<String> stopWords) {
        String s = normalizeLight(raw);
        if (s == null || s.isEmpty()) {
            return s;
        }
        // Composed form, so that "café" typed with a combining accent is the same token as "café".
        s = Normalizer.normalize(s, Normalizer.Form.NFC);
        s = s.toLowerCase(Locale.ROOT);
        s = Contractions.expand(s);
        if (s.indexOf('\'') >= 0) {
            s = POSSESSIVE_S.matcher(s).replaceAll("");
        }
        return wordsWithout(s, stopWords == null ? Set.of() : stopWords);
    }

    /** Counts used by screening: the length in chars of {@code s}, 0 for {@code null}. */
    public static int length(String s) {
        return s == null ? 0 : s.length();
    }

    private static String repairEncoding(String s) {
        if (s.indexOf('\u00E2') >= 0) {
            s = MOJIBAKE.matcher(s).replaceAll(hit -> mojibakeRepair(hit.group(1)));
        }
        // Curly quotes only now: two of the mangled sequences above end in a curly quote.
        s = s.replace('\u2018', '\'').replace('\u2019', '\'').replace('\u201B', '\'')
                .replace('\u201C', '"').replace('\u201D', '"').replace('\u201E', '"').replace('\u201F', '"');
        s = LOST_APOSTROPHE.matcher(s).replaceAll("'");
        return s.indexOf('?') < 0 ? s : QUESTION_APOSTROPHE.matcher(s).replaceAll("'");
    }

    /**
     * Cuts each line's leading markers and the spaces around them: {@code ^ *(?:MARKER *)+} on every
     * line, as a loop that matches one bounded marker at a time, so the stack stays flat however
     * many markers a line holds.
     */
    private static String stripLeadingMarkers(String s) {
        if (s.indexOf('[') < 0 && s.indexOf('{') < 0 && s.indexOf('(') < 0) {
            return s;
        }
        Matcher marker = ONE_MARKER.matcher(s);
        StringBuilder out = null; // allocated on the first cut
        int copied = 0; // s[0, copied) is in out
        for (int lineStart = 0; lineStart <= s.length(); ) {
            int lineEnd = s.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = s.length();
            }
            int cut = lineStart;
            while (cut < lineEnd && marker.region(cut, lineEnd).lookingAt()) {
                cut = marker.end();
            }
            if (cut > lineStart) {
                while (cut < lineEnd && s.charAt(cut) == ' ') {
                    cut++;
                }
                if (out == null) {
                    out = new StringBuilder(s.length());
                }
                out.append(s, copied, lineStart);
                copied = cut;
            }
            lineStart = lineEnd + 1;
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    /** The original character for the third byte of a mangled E2 80 xx sequence. */
    private static String mojibakeRepair(String thirdByte) {
        switch (thirdByte) {
            case "\u2122": case "\u0099": // right single quote
            case "\u02DC": case "\u0098": // left single quote
                return "'";
            case "\u201C": case "\u0093":
                return "\u2013"; // en dash
            case "\u201D": case "\u0094":
                return "\u2014"; // em dash
            case "\u00A6":
                return "\u2026"; // ellipsis
            default: // left double quote (œ, U+009C) and right double quote (U+009D, U+FFFD, or lost)
                return "\"";
        }
    }

    private static String trimNewlines(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '\n') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '\n') {
            end--;
        }
        return s.substring(start, end);
    }

    /**
     * Splits on everything that is not part of a word, drops stop words and joins the rest with
     * single spaces, in one pass. A word is letters of any script, digits, and combining marks: the
     * marks carry the vowels of scripts such as Devanagari and Thai, and splitting on them would cut
     * those words into pieces.
     */
    private static String wordsWithout(String s, Set<String> stopWords) {
        StringBuilder out = new StringBuilder(s.length());
        int wordStart = -1;
        for (int i = 0; i <= s.length(); ) {
            int cp = i < s.length() ? s.codePointAt(i) : ' ';
            if (isWordCodePoint(cp)) {
                if (wordStart < 0) {
                    wordStart = i;
                }
            } else if (wordStart >= 0) {
                String word = s.substring(wordStart, i);
                if (!stopWords.contains(word)) {
                    if (out.length() > 0) {
                        out.append(' ');
                    }
                    out.append(word);
                }
                wordStart = -1;
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static boolean isWordCodePoint(int cp) {
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
