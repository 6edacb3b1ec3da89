package dev.songmood.cli;

import dev.songmood.query.QueryConfig;
import dev.songmood.query.QueryJob;
import dev.songmood.query.QueryResult;
import dev.songmood.query.ResultFormat;
import dev.songmood.tables.TableFormat;
import dev.songmood.tables.TableRegistry;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.spark.sql.SparkSession;

/** {@code sql}: one read-only Spark SQL query over the output tables, printed as a table, CSV or JSON lines. */
final class SqlOptions implements Command {
  private final PrintStream err;

  SqlOptions(PrintStream err) {
    this.err = err;
  }

  @Override
  public String name() { return "sql"; }

  @Override
  public String summary() {
    return "run one Spark SQL query over the output tables (by --database or --table NAME=PATH) and print the rows";
  }

  @Override
  public boolean takesArguments() {
    return true;
  }

  @Override
  public Options options() {
    Options o = new Options();
    o.addOption(Option.builder().longOpt("database").hasArg().argName("NAME").desc("the database label, train or "
        + "demo named their tables in (their --database): the query names them without a prefix").build());
    o.addOption(Option.builder().longOpt("table").hasArg().argName("NAME=PATH").desc("a table by path, named NAME "
        + "in the query: a Delta table (read at its current version) or Parquet files (repeatable)").build());
    o.addOption(Option.builder().longOpt("format").hasArg().argName("FORMAT").desc("table (aligned, default), csv "
        + "(with a header) or json (one object per row)").build());
    o.addOption(Option.builder().longOpt("limit").hasArg().argName("N").desc("print at most N rows (default "
        + QueryConfig.LIMIT + "; the output says when the query returned more)").build());
    SharedOptions.help(o);
    return o;
  }

  @Override
  public void run(OptionValues v, Supplier<SparkSession> spark, PrintStream out) {
    List<String> words = v.arguments();
    if (words.size() != 1 || words.get(0).isBlank()) {
      throw new UsageException(words.isEmpty() ? "give the query as one argument: sql [options] \"SELECT ...\""
          : "give the query as one argument, in quotes: got " + words.size() + " words " + words);
    }
    Preflight preflight = new Preflight();
    Map<String, TableRegistry.Location> tables = new LinkedHashMap<>();
    for (String spec : v.values("table")) {
      int eq = spec.indexOf('=');
      if (eq <= 0 || eq == spec.length() - 1) {
        throw new UsageException("--table takes NAME=PATH, got '" + spec + "'");
      }
      String name = spec.substring(0, eq);
      try {
        TableRegistry.requireName(name);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--table " + spec + ": the name must be letters, digits and _, not starting with a "
            + "digit");
      }
      if (tables.containsKey(name)) {
        throw new UsageException("--table " + name + " is given twice");
      }
      String path = OptionValues.absolute(spec.substring(eq + 1));
      tables.put(name, new TableRegistry.Location(path, preflight.tableFormat("--table " + name, path)));
    }
    QueryConfig config;
    try {
      config = new QueryConfig(words.get(0), SharedOptions.database(v), tables,
          ResultFormat.parse(v.string("format", QueryConfig.FORMAT.name())),
          v.integer("limit", QueryConfig.LIMIT, 1));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    QueryResult result;
    try {
      result = QueryJob.run(spark.get(), config);
    } catch (QueryJob.QueryFailure e) {
      throw new CommandFailure(e.getMessage());
    }
    String note = config.format().print(result, out);
    if (!note.isEmpty() && config.format() != ResultFormat.TABLE) {
      err.println("songmood sql: " + note);
    }
  }
}
