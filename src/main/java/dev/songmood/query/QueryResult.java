package dev.songmood.query;

import java.util.List;

/**
 * What a query returned, as far as it is printed: the column names, which are numbers (right-aligned in a table),
 * the first rows, and whether it returned more.
 *
 * @param cells each row's values as Spark casts them to text (null for SQL NULL); for the table and CSV formats
 * @param json each row as one JSON object, Spark's own ({@code Row.json}); for the JSON format
 * @param more the query returned more rows than {@code --limit}
 */
public record QueryResult(List<String> columns, List<Boolean> numeric, List<List<String>> cells, List<String> json,
    boolean more, int limit) {
  public int rows() {
    return Math.max(cells.size(), json.size());
  }
}
