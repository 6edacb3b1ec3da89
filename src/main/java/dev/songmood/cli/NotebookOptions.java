package dev.songmood.cli;

import dev.songmood.notebook.SqlNotebook;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.spark.sql.SparkSession;

/** {@code notebook}: run an analysts' Spark SQL notebook over a run's outputs and print (or save) the results. */
final class NotebookOptions implements Command {
  @Override
  public String name() { return "notebook"; }

  @Override
  public String summary() { return "run a Spark SQL notebook (notebooks/*.ipynb) over a run's output tables"; }

  @Override
  public Options options() {
    Options o = new Options();
    o.addOption(Option.builder().longOpt("notebook").hasArg().argName("FILE").desc("the .ipynb to run").build());
    o.addOption(Option.builder().longOpt("database").hasArg().argName("NAME").desc("the database label, train and "
        + "evaluate named their tables in (their --database): the notebook's ${database}").build());
    o.addOption(Option.builder().longOpt("set").hasArgs().argName("NAME=VALUE")
        .desc("a notebook parameter, e.g. out=target/demo (repeatable)").build());
    o.addOption(Option.builder().longOpt("executed").hasArg().argName("FILE")
        .desc("also write the notebook with its results to FILE").build());
    SharedOptions.help(o);
    return o;
  }

  @Override
  public void run(OptionValues v, Supplier<SparkSession> spark, PrintStream out) {
    Path path = Path.of(v.required("notebook"));
    Map<String, String> params = new LinkedHashMap<>();
    String database = SharedOptions.database(v);
    if (database != null) {
      params.put("database", database);
    }
    for (String kv : v.values("set")) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("--set takes NAME=VALUE, got '" + kv + "'");
      }
      String value = kv.substring(eq + 1);
      // a local directory given relative to here (--set out=target/demo): Delta's delta.`path` needs it absolute
      boolean localPath = !value.isBlank() && !value.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:/.*")
          && java.nio.file.Files.exists(Path.of(value));
      params.put(kv.substring(0, eq), localPath ? OptionValues.absolute(value) : value);
    }
    try {
      SqlNotebook notebook = SqlNotebook.read(path);
      for (SqlNotebook.CellResult r : notebook.run(spark.get(), params)) {
        out.printf("-- cell %d%n%s%n", r.cell(), SqlNotebook.table(r.columns(), r.rows()));
      }
      String executed = v.string("executed", null);
      if (executed != null) {
        notebook.write(Path.of(executed));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read notebook " + path, e);
    }
  }
}
