package dev.songmood.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * An executed notebook as one self-contained HTML page (charts inline as data: URIs), for people without Jupyter:
 * it opens from a file, a mail attachment or an S3 download. Markdown cells are rendered with CommonMark; code
 * cells show their SQL, then their outputs: the result table, the chart, or the error that stopped the run.
 */
public final class NotebookHtml {
  private static final Parser MARKDOWN = Parser.builder().build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).build();
  private static final String STYLE = "body{font-family:sans-serif;max-width:980px;margin:2em auto;color:#222}"
      + "pre{background:#f6f8fa;padding:.8em;overflow-x:auto}table{border-collapse:collapse;margin:.5em 0}"
      + "td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}th{background:#eee}"
      + ".error{color:#b00;background:#fee}.cell{margin:1.2em 0}img{max-width:100%}";

  private NotebookHtml() {
  }

  public static String render(ObjectNode notebook, String title) {
    StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
        .append(SqlNotebook.escape(title)).append("</title><style>").append(STYLE).append("</style></head><body>\n");
    for (JsonNode cell : notebook.path("cells")) {
      html.append("<div class=\"cell\">");
      String source = text(cell.path("source"));
      if ("markdown".equals(cell.path("cell_type").asText())) {
        html.append(RENDERER.render(MARKDOWN.parse(source)));
      } else if ("code".equals(cell.path("cell_type").asText())) {
        html.append("<pre><code>").append(SqlNotebook.escape(source)).append("</code></pre>");
        for (JsonNode out : cell.path("outputs")) {
          output(out, html);
        }
      }
      html.append("</div>\n");
    }
    return html.append("</body></html>\n").toString();
  }

  private static void output(JsonNode out, StringBuilder html) {
    JsonNode data = out.path("data");
    if ("error".equals(out.path("output_type").asText())) {
      html.append("<pre class=\"error\">").append(SqlNotebook.escape(out.path("ename").asText() + ": "
          + out.path("evalue").asText())).append("</pre>");
    } else if (data.has("image/png")) {
      html.append("<img alt=\"chart\" src=\"data:image/png;base64,").append(data.get("image/png").asText())
          .append("\">");
    } else if (data.has("text/html")) {
      html.append(data.get("text/html").asText());
    } else if (data.has("text/plain")) {
      html.append("<pre>").append(SqlNotebook.escape(text(data.get("text/plain")))).append("</pre>");
    }
  }

  private static String text(JsonNode node) {
    if (node.isArray()) {
      StringBuilder sb = new StringBuilder();
      node.forEach(line -> sb.append(line.asText()));
      return sb.toString();
    }
    return node.asText();
  }
}
