package dev.songmood.query;

import static org.apache.spark.sql.functions.col;

import dev.songmood.tables.TableRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * {@code sql}: runs one query over tables named by path ({@code --table NAME=PATH}, each a temporary view of its
 * table, Delta read as Delta at its current version) or by a catalog database ({@code --database}, whose tables
 * the query then names without a prefix), and returns its first {@code limit} rows. The session is left as it was
 * found (its views and current database), so a notebook or a test sharing it sees no trace.
 *
 * <p>A query Spark refuses (a syntax error, an unknown table or column) or fails to run throws {@link QueryFailure}
 * with Spark's own message and no stack trace; a statement that would change something is refused
 * ({@link ReadOnlyStatement}).
 */
public final class QueryJob {
  private QueryJob() {
  }

  /** Thrown for a query that Spark refuses or that fails as it runs: the message is Spark's (exit 1). */
  public static final class QueryFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    QueryFailure(String message) {
      super(message);
    }
  }

  public static QueryResult run(SparkSession spark, QueryConfig config) {
    String previousDatabase = spark.catalog().currentDatabase();
    List<String> views = new ArrayList<>();
    try {
      if (config.database() != null) {
        if (!spark.catalog().databaseExists(config.database())) {
          throw new IllegalArgumentException("--database " + config.database() + ": no such database in this Spark "
              + "catalog (label, train or demo with --database " + config.database() + " names the tables; local runs "
              + "keep the names in submit.sh's metastore)");
        }
        use(spark, config.database());
      }
      for (Map.Entry<String, TableRegistry.Location> t : config.tables().entrySet()) {
        try {
          spark.read().format(t.getValue().format()).load(t.getValue().path()).createOrReplaceTempView(t.getKey());
        } catch (Exception e) {  // Spark's AnalysisException is checked, and thrown undeclared
          throw failure(e);
        }
        views.add(t.getKey());
      }
      return collect(query(spark, config.sql()), config);
    } finally {
      for (String view : views) {
        spark.catalog().dropTempView(view);
      }
      use(spark, previousDatabase);
    }
  }

  private static void use(SparkSession spark, String database) {
    try {
      spark.catalog().setCurrentDatabase(database);
    } catch (Exception e) {  // AnalysisException (checked): dropped since it was found
      throw failure(e);
    }
  }

  /** The query, parsed and analysed (nothing has run yet), or Spark's refusal as a {@link QueryFailure}. */
  private static Dataset<Row> query(SparkSession spark, String sql) {
    try {
      ReadOnlyStatement.require(spark, sql);
      return spark.sql(sql);
    } catch (Exception e) {  // AnalysisException is checked, and thrown undeclared by Scala
      throw failure(e);
    }
  }

  private static QueryResult collect(Dataset<Row> result, QueryConfig config) {
    List<String> columns = List.of(result.columns());
    List<Boolean> numeric = new ArrayList<>();
    for (StructField f : result.schema().fields()) {
      numeric.add(f.dataType() instanceof NumericType);
    }
    int fetch = config.limit() + 1;
    List<List<String>> cells = new ArrayList<>();
    List<String> json = new ArrayList<>();
    try {
      if (config.format().text()) {
        // Spark's own text for every type (timestamps in the session's zone, arrays, structs, vectors); positional
        // names, so that two columns of one name (a join's two ids) stay two
        String[] positional = new String[columns.size()];
        Column[] asText = new Column[columns.size()];
        for (int i = 0; i < positional.length; i++) {
          positional[i] = "c" + i;
          asText[i] = col(positional[i]).cast(DataTypes.StringType);
        }
        for (Row row : result.toDF(positional).select(asText).limit(fetch).collectAsList()) {
          List<String> values = new ArrayList<>(row.length());
          for (int i = 0; i < row.length(); i++) {
            values.add(row.isNullAt(i) ? null : row.getString(i));
          }
          cells.add(values);
        }
      } else {
        result.limit(fetch).collectAsList().forEach(row -> json.add(row.json()));
      }
    } catch (Exception e) {
      throw failure(e);
    }
    boolean more = cells.size() + json.size() > config.limit();
    if (more && config.format().text()) {
      cells.remove(config.limit());
    } else if (more) {
      json.remove(config.limit());
    }
    return new QueryResult(columns, numeric, cells, json, more, config.limit());
  }

  /**
   * Spark's message for a query it refused or could not run: the parser's with the place it points at, the
   * analyzer's without the plan it appends; a failure as it ran, by its first line. Anything else is not the
   * query's fault and is thrown as it is.
   */
  private static RuntimeException failure(Exception e) {
    if (e instanceof ParseException) {
      return new QueryFailure(e.getMessage().strip());
    }
    if (e instanceof AnalysisException a) {
      return new QueryFailure(a.getSimpleMessage());
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SparkThrowable s && s.getErrorClass() != null && !(t instanceof AnalysisException)) {
        return new QueryFailure(String.valueOf(t.getMessage()).lines().findFirst().orElse(""));
      }
    }
    return e instanceof RuntimeException r ? r : new IllegalStateException(e);
  }
}
