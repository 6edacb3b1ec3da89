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
import java.util.Map;
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
 */
public final class SqlNotebook {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Pattern PARAM = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
  private static final int SHOWN_ROWS = 50;

  /** The result of one code cell: the SQL that ran (parameters substituted) and the last statement's rows. */
  public record CellResult(int cell, String sql, List<String> columns, List<Row> rows) {
  }

  private final ObjectNode notebook;

  private SqlNotebook(ObjectNode notebook) {
    this.notebook = notebook;
  }

  public static SqlNotebook read(Path path) throws IOException {
    JsonNode node = JSON.readTree(path.toFile());
    if (!(node instanceof ObjectNode obj) || !obj.has("cells")) {
      throw new IllegalArgumentException(path + " is not a Jupyter notebook (no cells)");
    }
    return new SqlNotebook(obj);
  }

  /** Executes every code cell in order; a failing cell stops the run with the cell number and its SQL. */
  public List<CellResult> run(SparkSession spark, Map<String, String> params) {
    List<CellResult> results = new ArrayList<>();
    ArrayNode cells = (ArrayNode) notebook.get("cells");
    int executed = 0;
    for (int i = 0; i < cells.size(); i++) {
      ObjectNode cell = (ObjectNode) cells.get(i);
      if (!"code".equals(cell.path("cell_type").asText())) {
        continue;
      }
      String sql = substitute(source(cell), params, i);
      Dataset<Row> last = null;
      for (String statement : statements(sql)) {
        try {
          last = spark.sql(statement);
        } catch (RuntimeException e) {
          throw new IllegalStateException("notebook cell " + i + " failed: " + e.getMessage() + "\n" + statement, e);
        }
      }
      List<Row> rows = last == null ? List.of() : last.limit(SHOWN_ROWS).collectAsList();
      List<String> columns = last == null ? List.of() : List.of(last.columns());
      results.add(new CellResult(i, sql, columns, rows));
      executed++;
      cell.put("execution_count", executed);
      ArrayNode outputs = cell.putArray("outputs");
      ObjectNode out = outputs.addObject();
      out.put("output_type", "execute_result");
      out.put("execution_count", executed);
      out.putObject("metadata");
      out.putObject("data").put("text/plain", table(columns, rows));
    }
    return results;
  }

  public void write(Path path) throws IOException {
    Files.writeString(path, JSON.writeValueAsString(notebook));
  }

  private static String source(ObjectNode cell) {
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
        Object v = r.get(i);
        cells.add(v instanceof Double d ? String.format("%.4f", d) : String.valueOf(v));
      }
      sb.append(String.join(" | ", cells)).append('\n');
    }
    return sb.toString();
  }
}
