package dev.songmood.stages.text;

/**
 * Step 1 of {@link LyricsText#normalizeLight}: line ends, invisible characters, odd spaces and half UTF-16 pairs,
 * character by character in one pass.
 */
public final class Characters {

    private Characters() {
    }

    /**
     * Step 1 in one pass: CR LF, lone CR and the Unicode line separators become LF; a lone UTF-16
     * surrogate becomes U+FFFD, so that no later step (the tokenizer above all) meets ill-formed text; tabs and the
     * Unicode spaces (no-break, thin, ideographic...) become a plain space; zero-width characters,
     * the byte-order mark and soft hyphens go. They go first so that no later pattern is defeated by
     * an invisible character inside a word or a marker.
     */
    static String fold(String s) {
        StringBuilder out = null; // allocated on the first change; most lyrics need none
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int folded = Character.isSurrogate(c) && !paired(s, i) ? '\uFFFD' : folded(c); // -1: drop
            boolean crlf = c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n';
            if (out == null && (folded != c || crlf)) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null && folded >= 0) {
                out.append((char) folded);
            }
            if (crlf) {
                i++; // one LF for the pair
            }
        }
        return out == null ? s : out.toString();
    }

    /** Whether the surrogate at {@code i} is half of a pair; a lone one is not Unicode text. */
    static boolean paired(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** Whether {@code s} holds a UTF-16 surrogate without its other half (no Unicode text does). */
    public static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i)) && !paired(s, i)) {
                return true;
            }
        }
        return false;
    }

    private static int folded(char c) {
        switch (c) {
            case '\r': case '\u2028': case '\u2029':
                return '\n';
            case '\t': case '\u000B': case '\f': case '\u00A0': case '\u1680': case '\u202F': case '\u205F':
            case '\u3000':
                return ' ';
            case '\u200B': case '\u200C': case '\u200D': case '\u2060': case '\uFEFF': case '\u00AD':
                return -1;
            default:
                return c >= '\u2000' && c <= '\u200A' ? ' ' : c;
        }
    }
}
