package dev.songmood.query;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import java.io.PrintStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How {@code sql} prints a result: {@link #TABLE} (aligned columns for a terminal, numbers right-aligned, NULL
 * written out, a line of counts below), {@link #CSV} (RFC 4180 with a header, Spark's own CSV library: a NULL is an
 * empty field, an empty text is {@code ""}), {@link #JSON} (one JSON object per row, as Spark writes rows).
 */
public enum ResultFormat {
  TABLE, CSV, JSON;

  /** A table cell longer than this is cut (and the count line says so): --format csv or json shows it whole. */
  static final int MAX_CELL_CHARS = 80;
  private static final String NULL = "NULL";

  public static ResultFormat parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--format must be table, csv or json, got '" + name + "'");
    }
  }

  /** Whether this format prints Spark's text casts ({@link QueryResult#cells}) rather than JSON rows. */
  boolean text() {
    return this != JSON;
  }

  /**
   * Prints {@code r} to {@code out}. Returns the note on cut rows for the table's count line or, for CSV and JSON,
   * whose output must stay data, for stderr; empty when nothing was cut.
   */
  public String print(QueryResult r, PrintStream out) {
    String note = r.more() ? "the first " + r.limit() + " rows: the query returned more (--limit N prints up to N)"
        : "";
    switch (this) {
      case TABLE -> table(r, out, note);
      case CSV -> out.print(csv(r));
      default -> r.json().forEach(out::println);
    }
    out.flush();
    return note;
  }

  private static String csv(QueryResult r) {
    CsvWriterSettings settings = new CsvWriterSettings();
    settings.getFormat().setLineSeparator("\n");
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.setQuoteEscapingEnabled(true);
    settings.setNullValue("");
    settings.setEmptyValue("\"\"");
    StringWriter text = new StringWriter();
    CsvWriter writer = new CsvWriter(text, settings);
    writer.writeHeaders(r.columns().toArray(new String[0]));
    for (List<String> row : r.cells()) {
      writer.writeRow(row.toArray());
    }
    writer.close();
    return text.toString();
  }

  private static void table(QueryResult r, PrintStream out, String note) {
    int n = r.columns().size();
    List<List<String>> shown = new ArrayList<>();
    int cut = 0;
    for (List<String> row : r.cells()) {
      List<String> cells = new ArrayList<>(n);
      for (String value : row) {
        String cell = value == null ? NULL : printable(value);
        if (cell.codePointCount(0, cell.length()) > MAX_CELL_CHARS) {
          cell = cell.substring(0, cell.offsetByCodePoints(0, MAX_CELL_CHARS - 1)) + "…";
          cut++;
        }
        cells.add(cell);
      }
      shown.add(cells);
    }
    int[] widths = new int[n];
    for (int c = 0; c < n; c++) {
      widths[c] = width(r.columns().get(c));
      for (List<String> row : shown) {
        widths[c] = Math.max(widths[c], width(row.get(c)));
      }
    }
    out.println(line(r.columns(), widths, r.numeric()));
    StringBuilder rule = new StringBuilder();
    for (int c = 0; c < n; c++) {
      rule.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
    }
    out.println(rule);
    shown.forEach(row -> out.println(line(row, widths, r.numeric())));
    String count = "(" + r.rows() + (r.rows() == 1 ? " row" : " rows") + ")";
    List<String> notes = new ArrayList<>();
    if (!note.isEmpty()) {
      notes.add(note);
    }
    if (cut > 0) {
      notes.add(cut + (cut == 1 ? " value" : " values") + " over " + MAX_CELL_CHARS + " characters cut (…): --format "
          + "csv or json prints them whole");
    }
    out.println(notes.isEmpty() ? count : "(" + String.join("; ", notes) + ")");
  }

  private static String line(List<String> cells, int[] widths, List<Boolean> numeric) {
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      String pad = " ".repeat(widths[c] - width(cell));
      sb.append(c == 0 ? "" : " | ").append(numeric.get(c) ? pad + cell : cell + pad);
    }
    return sb.toString().stripTrailing();
  }

  /** Line breaks and tabs written as \n, \r, \t, so that one row stays one line. */
  private static String printable(String value) {
    return value.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
  }

  private static int width(String s) {
    return s.codePointCount(0, s.length());
  }
}
