package dev.songmood.notebook;

import com.google.common.html.HtmlEscapers;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * How text from a notebook file reaches the HTML copy as data, never as markup: plain text escaped, Markdown rendered
 * with its raw HTML escaped and its link and image URLs limited to http, https and mailto (so {@code javascript:},
 * {@code vbscript:} and {@code data:} become empty), and a picture embedded only if its bytes are a PNG.
 */
final class HtmlSafety {
  /** CommonMark's default sanitizer also allows {@code data:}, which can carry a page of its own. */
  private static final List<String> URL_SCHEMES = List.of("http", "https", "mailto");
  private static final Parser MARKDOWN = Parser.builder().build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true)
      .urlSanitizer(new DefaultUrlSanitizer(URL_SCHEMES)).build();
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private HtmlSafety() {
  }

  /** Text for an element's content or a double- or single-quoted attribute. */
  static String escape(String text) {
    return HtmlEscapers.htmlEscaper().escape(text);
  }

  /** A Markdown cell as HTML: raw HTML blocks and inline HTML shown as text, unsafe URLs emptied. */
  static String markdown(String source) {
    return RENDERER.render(MARKDOWN.parse(source));
  }

  /**
   * A {@code data:image/png} URI for a notebook's base64 {@code image/png} output, if it is valid base64 (line breaks
   * allowed, as Jupyter may store them) of bytes that start with the PNG signature; empty otherwise. The URI is
   * re-encoded from the decoded bytes, so nothing of the stored string is copied into the page.
   */
  static Optional<String> pngDataUri(String base64) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.replaceAll("[\\r\\n]", ""));
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    if (bytes.length <= PNG_SIGNATURE.length
        || !Arrays.equals(bytes, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length)) {
      return Optional.empty();
    }
    return Optional.of("data:image/png;base64," + Base64.getEncoder().encodeToString(bytes));
  }
}
