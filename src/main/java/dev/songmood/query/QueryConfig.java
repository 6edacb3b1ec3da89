package dev.songmood.query;

import dev.songmood.tables.TableRegistry;
import java.util.Map;

/**
 * {@code sql}: the query, the tables it names and how to print the result. Every default is here.
 *
 * @param database the catalog database whose tables the query names without a prefix (its {@code USE}), or null
 * @param tables names for tables given by path ({@code --table NAME=PATH}), each with its format
 * @param limit the most rows printed; one more is fetched to know whether the query returned more
 */
public record QueryConfig(String sql, String database, Map<String, TableRegistry.Location> tables,
    ResultFormat format, int limit) {
  /** Rows printed unless --limit says otherwise: a screenful or two; the output says when it cut some. */
  public static final int LIMIT = 100;
  public static final ResultFormat FORMAT = ResultFormat.TABLE;

  public QueryConfig {
    if (sql == null || sql.isBlank()) {
      throw new IllegalArgumentException("no query given");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("--limit must be at least 1, got " + limit);
    }
    tables = Map.copyOf(tables);
  }
}
