package dev.songmood.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.songmood.SparkTestBase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A notebook file written by an attacker: stored outputs with script, Markdown with script links and raw HTML,
 * pictures that are not PNGs, and a cell that fails. Its HTML copy shows all of it as text or leaves it out, and the
 * executed notebook keeps none of the stored outputs.
 */
class NotebookHtmlTest extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A picture that is not a PNG: an SVG with a script, base64 as a PNG output would be. */
  private static final String SVG = Base64.getEncoder().encodeToString(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(1)</script></svg>"
          .getBytes(StandardCharsets.UTF_8));
  private static final String RAW_IMG = "<img src=x onerror=alert(1)>";
  /** The failing cell: Spark's error names the column, so the error message carries the markup too. */
  private static final String FAILING_SQL = "SELECT `<script>alert(1)</script>` FROM (SELECT 1 AS one)";

  @Test
  void nothingFromAHostileNotebookBecomesMarkupAndNoStaleOutputSurvives() throws Exception {
    ObjectNode nb = JSON.createObjectNode().put("nbformat", 4).put("nbformat_minor", 5);
    nb.putObject("metadata");
    ArrayNode cells = nb.putArray("cells");
    markdown(cells, "# Report\n\n[x](javascript:alert(1)) [y](JavaScript:alert(2)) [v](VBScript:msgbox(1)) "
        + "[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) ![i](javascript:alert(3)) "
        + "[ok](https://example.org/moods)\n\n" + RAW_IMG + "\n\n<SCRIPT>alert(1)</SCRIPT>\n\n"
        + "inline <b onmouseover=alert(1)>bold</b>\n");
    ObjectNode first = code(cells, "-- chart: bar x=mood y=songs\nSELECT 'happy' AS mood, 3 AS songs");
    stale(first).putObject("data").put("text/html", "<script>alert('stale 1')</script>");
    ObjectNode failing = code(cells, FAILING_SQL);
    stale(failing).putObject("data").put("image/png", SVG).put("text/plain", "stale 2");
    ObjectNode after = code(cells, "SELECT 3 AS three");
    stale(after).putObject("data").put("text/html", "<img src=x OnError=alert('stale 3')>");
    stale(after).putObject("data").put("image/png", "not base64 <sCrIpT>alert('stale 4')</script>");
    Path file = tmp.resolve("hostile.ipynb");
    JSON.writeValue(file.toFile(), nb);

    SqlNotebook notebook = SqlNotebook.read(file);
    SqlNotebook.Outcome run = notebook.run(spark, Map.of());
    assertEquals(2, run.failedCell(), "the failing cell is named: " + run.error());
    String html = NotebookHtml.render(notebook, "hostile <script>");
    String lower = html.toLowerCase(Locale.ROOT);

    assertFalse(lower.contains("<script"), html);
    assertFalse(lower.contains("javascript:"), html);
    assertFalse(lower.contains("vbscript:"), html);
    assertFalse(lower.contains("data:text"), html);
    assertFalse(lower.contains("stale"), "a stored output reached the HTML copy: " + html);
    assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "raw HTML in Markdown is shown as text");
    assertFalse(lower.replace("&lt;img src=x onerror=alert(1)&gt;", "").contains("onerror"), html);
    Matcher handler = Pattern.compile("<[a-z][^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE).matcher(html);
    assertFalse(handler.find(), () -> "an element carries an event handler: " + handler.group());
    assertTrue(html.contains("&lt;b onmouseover=alert(1)&gt;bold&lt;/b&gt;"), "inline HTML is shown as text");
    assertTrue(html.contains("<a rel=\"nofollow\" href=\"https://example.org/moods\">ok</a>"), "web links work");
    assertTrue(html.contains("<title>hostile &lt;script&gt;</title>"), html);

    Matcher error = Pattern.compile("<pre class=\"error\">(.*?)</pre>", Pattern.DOTALL).matcher(html);
    assertTrue(error.find(), "the failing cell shows its error: " + html);
    assertTrue(error.group(1).contains("&lt;script&gt;alert(1)&lt;/script&gt;"), error.group(1));
    assertTrue(html.contains("<pre><code>" + HtmlSafety.escape(FAILING_SQL) + "</code></pre>"), "source escaped");
    assertTrue(html.contains("<img src=\"\" alt=\"i\" />"), "the Markdown image's script URL is emptied");
    assertEquals(1, html.split("src=\"data:", -1).length - 1, "only this run's chart is a picture: " + html);
    assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"), html);

    Path executed = tmp.resolve("executed.ipynb");
    notebook.write(executed);
    assertFalse(Files.readString(executed).toLowerCase(Locale.ROOT).contains("stale"), "stored outputs were kept");
    JsonNode out = JSON.readTree(executed.toFile()).path("cells");
    assertEquals(2, out.get(1).path("outputs").size(), "this run's table and chart");
    assertEquals(1, out.get(1).path("execution_count").asInt());
    assertEquals(1, out.get(2).path("outputs").size());
    assertEquals("error", out.get(2).path("outputs").get(0).path("output_type").asText());
    assertEquals(0, out.get(3).path("outputs").size(), "the cell after the failure has no outputs");
    assertTrue(out.get(3).path("execution_count").isNull(), "nor an execution count");
  }

  /** A chart output whose bytes are not a PNG (however it got there) is left out with a note, never embedded. */
  @Test
  void aPictureThatIsNotAPngIsLeftOutWithANote() throws Exception {
    ObjectNode nb = JSON.createObjectNode().put("nbformat", 4).put("nbformat_minor", 5);
    nb.putObject("metadata");
    code(nb.putArray("cells"), "-- chart: bar x=mood y=songs\nSELECT 'sad' AS mood, 2 AS songs");
    Path file = tmp.resolve("chart.ipynb");
    JSON.writeValue(file.toFile(), nb);
    SqlNotebook notebook = SqlNotebook.read(file);
    assertFalse(notebook.run(spark, Map.of()).failed());
    ArrayNode outputs = (ArrayNode) notebook.json().path("cells").get(0).path("outputs");
    String chart = outputs.get(1).path("data").path("image/png").asText();
    outputs.addObject().put("output_type", "display_data").putObject("data").put("image/png", SVG);
    outputs.addObject().put("output_type", "display_data").putObject("data").put("image/png", "\"><script>x");

    String html = NotebookHtml.render(notebook, "chart");
    assertTrue(html.contains("<img alt=\"chart\" src=\"data:image/png;base64," + chart + "\">"), "the real chart");
    assertEquals(1, html.split("<img ", -1).length - 1, html);
    assertEquals(2, html.split("not a PNG was left out", -1).length - 1, html);
    assertFalse(html.contains(SVG), html);
    assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), html);
  }

  private static void markdown(ArrayNode cells, String source) {
    ObjectNode cell = cells.addObject().put("cell_type", "markdown");
    cell.putObject("metadata");
    cell.put("source", source);
  }

  private static ObjectNode code(ArrayNode cells, String source) {
    ObjectNode cell = cells.addObject().put("cell_type", "code").put("execution_count", 41);
    cell.putObject("metadata");
    cell.putArray("outputs");
    cell.put("source", source);
    return cell;
  }

  /** A stored output, as a notebook saved elsewhere would carry. */
  private static ObjectNode stale(ObjectNode cell) {
    ObjectNode out = ((ArrayNode) cell.get("outputs")).addObject().put("output_type", "display_data");
    out.putObject("metadata");
    return out;
  }
}
