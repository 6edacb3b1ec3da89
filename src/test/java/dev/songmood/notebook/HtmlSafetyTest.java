package dev.songmood.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The checks between a notebook file and its HTML copy, one at a time. */
class HtmlSafetyTest {

  @Test
  void onlyBase64OfAPngBecomesAPicture() throws Exception {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), "png", png);
    String b64 = Base64.getEncoder().encodeToString(png.toByteArray());
    assertEquals(Optional.of("data:image/png;base64," + b64), HtmlSafety.pngDataUri(b64));
    String wrapped = b64.substring(0, 10) + "\n" + b64.substring(10) + "\n";
    assertEquals(Optional.of("data:image/png;base64," + b64), HtmlSafety.pngDataUri(wrapped), "Jupyter's lines");

    String svg = Base64.getEncoder().encodeToString("<svg onload=alert(1)/>".getBytes(StandardCharsets.UTF_8));
    assertTrue(HtmlSafety.pngDataUri(svg).isEmpty(), "an SVG is not a PNG");
    assertTrue(HtmlSafety.pngDataUri(b64 + "\"><script>").isEmpty(), "not base64");
    assertTrue(HtmlSafety.pngDataUri("not base64 at all").isEmpty());
    assertTrue(HtmlSafety.pngDataUri("").isEmpty());
    String signatureOnly = Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
    assertTrue(HtmlSafety.pngDataUri(signatureOnly).isEmpty(), "a signature and nothing more");
  }

  @Test
  void markdownKeepsWebLinksAndEmptiesScriptAndDataUrls() {
    String web = "<a rel=\"nofollow\" href=";
    assertEquals("<p>" + web + "\"https://example.org/a?b=1&amp;c=2\">ok</a> " + web + "\"mailto:a@example.org\">m</a> "
        + web + "\"moods.html#q1\">rel</a></p>\n",
        HtmlSafety.markdown("[ok](https://example.org/a?b=1&c=2) [m](mailto:a@example.org) [rel](moods.html#q1)"));
    for (String url : new String[] {"javascript:alert(1)", "JaVaScRiPt:alert(1)", "javascript&#58;alert(1)",
        "<java\tscript:alert(1)>", "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>",
        "DATA:image/svg+xml;base64,PHN2Zz4="}) {
      String link = HtmlSafety.markdown("[x](" + url + ")");
      String image = HtmlSafety.markdown("![x](" + url + ")");
      for (String html : new String[] {link, image}) {
        String lower = html.toLowerCase(java.util.Locale.ROOT);
        assertFalse(lower.contains("script:") || lower.contains("data:") || lower.contains("<script"), url + html);
      }
    }
    assertEquals("<p>&lt;img src=x onerror=alert(1)&gt;</p>\n", HtmlSafety.markdown("<img src=x onerror=alert(1)>"));
    assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;", HtmlSafety.escape("<a href=\"x\" title='y'>"));
  }
}
