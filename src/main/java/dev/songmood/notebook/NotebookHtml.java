package dev.songmood.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * An executed notebook as one self-contained HTML page (charts inline as data: URIs), for people without Jupyter:
 * it opens from a file, a mail attachment or an S3 download. Markdown cells are rendered with CommonMark; code
 * cells show their SQL, then their outputs: the result table, the chart, or the error that stopped the run.
 *
 * <p>The notebook file is not trusted: nothing from it is rendered as HTML (see {@link HtmlSafety}). The only HTML
 * pasted in is the {@code text/html} result tables that {@link SqlNotebook#run} made, from escaped values (a
 * {@link SqlNotebook} drops the file's stored outputs when it reads it). The page needs no script, and its
 * Content-Security-Policy allows none, nor anything fetched: only inline style and data: images.
 */
public final class NotebookHtml {
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
  private static final String STYLE = "body{font-family:sans-serif;max-width:980px;margin:2em auto;color:#222}"
      + "pre{background:#f6f8fa;padding:.8em;overflow-x:auto}table{border-collapse:collapse;margin:.5em 0}"
      + "td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}th{background:#eee}"
      + ".error{color:#b00;background:#fee}.note{color:#666;font-style:italic}.cell{margin:1.2em 0}"
      + "img{max-width:100%}";

  private NotebookHtml() {
  }

  public static String render(SqlNotebook notebook, String title) {
    StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CONTENT_SECURITY_POLICY)
        .append("\"><title>").append(HtmlSafety.escape(title)).append("</title><style>").append(STYLE)
        .append("</style></head><body>\n");
    for (JsonNode cell : notebook.json().path("cells")) {
      html.append("<div class=\"cell\">");
      String source = text(cell.path("source"));
      if ("markdown".equals(cell.path("cell_type").asText())) {
        html.append(HtmlSafety.markdown(source));
      } else if ("code".equals(cell.path("cell_type").asText())) {
        html.append("<pre><code>").append(HtmlSafety.escape(source)).append("</code></pre>");
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
      html.append("<pre class=\"error\">").append(HtmlSafety.escape(out.path("ename").asText() + ": "
          + out.path("evalue").asText())).append("</pre>");
    } else if (data.has("image/png")) {
      Optional<String> png = HtmlSafety.pngDataUri(text(data.get("image/png")));
      html.append(png.map(uri -> "<img alt=\"chart\" src=\"" + uri + "\">")
          .orElse("<p class=\"note\">(a picture that is not a PNG was left out)</p>"));
    } else if (data.has("text/html")) {
      html.append(data.get("text/html").asText());  // SqlNotebook.html's table: only run() writes outputs
    } else if (data.has("text/plain")) {
      html.append("<pre>").append(HtmlSafety.escape(text(data.get("text/plain")))).append("</pre>");
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
