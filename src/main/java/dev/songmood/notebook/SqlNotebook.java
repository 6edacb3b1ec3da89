package dev.songmood.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a Jupyter notebook whose code cells are Spark SQL (an optional first line {@code %%sql}, statements
 * separated by {@code ;} at a line end), so analysts' queries over the job's outputs are executed by the tests and
 * cannot rot. {@code ${name}} in a cell is replaced by a parameter (for example {@code ${out}}, the run's output
 * directory). The executed notebook, with each cell's result as a text table, can be written back out.
 *
 * <p>A notebook file is input, not output: the outputs stored in it are dropped when it is read, so that the executed
 * notebook and its HTML copy hold only what this run produced, and nothing stale survives a cell that failed.
 */
public final class SqlNotebook {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Pattern PARAM = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
  private static final int SHOWN_ROWS = 50;
  /** Rows a chart may draw (a scatter of the catalog samples this many songs at most). */
  private static final int CHARTED_ROWS = 5000;

  /** The result of one code cell: the SQL that ran (parameters substituted) and the last statement's rows. */
  public record CellResult(int cell, String sql, List<String> columns, List<Row> rows, boolean charted) {
  }

  /** What a run did: each code cell's result in order, up to the one that failed (then its number and error). */
  public record Outcome(List<CellResult> results, int failedCell, String error) {
    public boolean failed() {
      return failedCell >= 0;
    }
  }

  private final ObjectNode notebook;

  private SqlNotebook(ObjectNode notebook) {
    this.notebook = notebook;
  }

  /** Reads a notebook, every code cell's stored outputs and execution count cleared. */
  public static SqlNotebook read(Path path) throws IOException {
    JsonNode node = JSON.readTree(path.toFile());
    if (!(node instanceof ObjectNode obj) || !(obj.get("cells") instanceof ArrayNode cells)) {
      throw new IllegalArgumentException(path + " is not a Jupyter notebook (no cells)");
    }
    for (JsonNode cell : cells) {
      if (!(cell instanceof ObjectNode c)) {
        throw new IllegalArgumentException(path + " is not a Jupyter notebook (a cell is not an object)");
      }
      if ("code".equals(c.path("cell_type").asText())) {
        c.putArray("outputs");
        c.putNull("execution_count");
      } else {
        c.remove("outputs");
      }
    }
    return new SqlNotebook(obj);
  }

  /**
   * Executes the code cells in order, each cell's outputs (its result as a text and an HTML table, its chart as a
   * PNG) written into the notebook. A failing cell gets an error output and stops the run; the cells before it keep
   * their results, and the outcome names it.
   */
  public Outcome run(SparkSession spark, Map<String, String> params) {
    List<CellResult> results = new ArrayList<>();
    ArrayNode cells = (ArrayNode) notebook.get("cells");
    // The notebook runs here, not in a Jupyter kernel: name none, so that Jupyter opens it with its own choice.
    ObjectNode metadata = notebook.with("metadata");
    metadata.remove("kernelspec");
    metadata.putObject("language_info").put("name", "sql");
    int executed = 0;
    for (int i = 0; i < cells.size(); i++) {
      ObjectNode cell = (ObjectNode) cells.get(i);
      if (!"code".equals(cell.path("cell_type").asText())) {
        continue;
      }
      executed++;
      cell.put("execution_count", executed);
      ArrayNode outputs = cell.putArray("outputs");
      try {
        String sql = substitute(source(cell), params, i);
        Optional<CellChart> chart = CellChart.of(sql);
        Dataset<Row> last = null;
        for (String statement : statements(sql)) {
          last = spark.sql(statement);
        }
        List<Row> rows = last == null ? List.of() : last.limit(chart.isPresent() ? CHARTED_ROWS : SHOWN_ROWS)
            .collectAsList();
        List<String> columns = last == null ? List.of() : List.of(last.columns());
        List<Row> shown = rows.subList(0, Math.min(rows.size(), SHOWN_ROWS));
        ObjectNode result = outputs.addObject().put("output_type", "execute_result").put("execution_count", executed);
        result.putObject("metadata");
        result.putObject("data").put("text/plain", table(columns, shown)).put("text/html", html(columns, shown));
        if (chart.isPresent()) {
          ObjectNode picture = outputs.addObject().put("output_type", "display_data");
          picture.putObject("metadata");
          picture.putObject("data").put("image/png",
              Base64.getEncoder().encodeToString(chart.get().png(columns, rows)))
              .put("text/plain", "<chart: " + columns + ">");
        }
        results.add(new CellResult(i, sql, columns, rows, chart.isPresent()));
      } catch (Exception e) {  // Spark's AnalysisException is checked, thrown undeclared
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        ObjectNode error = outputs.addObject().put("output_type", "error")
            .put("ename", e.getClass().getSimpleName()).put("evalue", message);
        error.putArray("traceback").add("cell " + i + " failed: " + message);
        return new Outcome(results, i, message);
      }
    }
    return new Outcome(results, -1, null);
  }

  public void write(Path path) throws IOException {
    Files.writeString(path, JSON.writeValueAsString(notebook));
  }

  /** The notebook as it is now: no outputs when read, this run's once run (the HTML copy trusts that). */
  public ObjectNode json() {
    return notebook;
  }

  static String source(ObjectNode cell) {
    JsonNode src = cell.get("source");
    StringBuilder sb = new StringBuilder();
    if (src != null && src.isArray()) {
      src.forEach(line -> sb.append(line.asText()));
    } else if (src != null) {
      sb.append(src.asText());
    }
    String text = sb.toString();
    return text.startsWith("%%sql") ? text.substring(text.indexOf('\n') + 1) : text;
  }

  private static String substitute(String sql, Map<String, String> params, int cell) {
    Matcher m = PARAM.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = params.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException("notebook cell " + cell + " needs parameter '" + m.group(1)
            + "' (give --set " + m.group(1) + "=...)");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Statements end with ';' at the end of a line; the last may omit it. Lines starting with '--' are comments. */
  static List<String> statements(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : sql.split("\n", -1)) {
      if (line.strip().startsWith("--")) {
        continue;
      }
      String stripped = line.stripTrailing();
      if (stripped.endsWith(";")) {
        current.append(stripped, 0, stripped.length() - 1);
        add(out, current);
      } else {
        current.append(line).append('\n');
      }
    }
    add(out, current);
    return out;
  }

  private static void add(List<String> out, StringBuilder current) {
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    current.setLength(0);
  }

  /** A plain text table, as a notebook front end would show it. */
  public static String table(List<String> columns, List<Row> rows) {
    if (columns.isEmpty()) {
      return "(no result)";
    }
    StringBuilder sb = new StringBuilder(String.join(" | ", columns)).append('\n');
    for (Row r : rows) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < r.length(); i++) {
        cells.add(CellText.of(r.get(i)));
      }
      sb.append(String.join(" | ", cells)).append('\n');
    }
    return sb.toString();
  }

  /** The result as an HTML table, escaped, as Jupyter shows a data frame. */
  static String html(List<String> columns, List<Row> rows) {
    if (columns.isEmpty()) {
      return "<p>(no result)</p>";
    }
    StringBuilder sb = new StringBuilder("<table><thead><tr>");
    columns.forEach(c -> sb.append("<th>").append(HtmlSafety.escape(c)).append("</th>"));
    sb.append("</tr></thead><tbody>");
    for (Row r : rows) {
      sb.append("<tr>");
      for (int i = 0; i < r.length(); i++) {
        sb.append("<td>").append(HtmlSafety.escape(CellText.of(r.get(i)))).append("</td>");
      }
      sb.append("</tr>");
    }
    return sb.append("</tbody></table>").toString();
  }
}
