package dev.songmood.cli;

import dev.songmood.notebook.NotebookHtml;
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
  static final String DEFAULT_NOTEBOOK = "notebooks/catalog_moods.ipynb";
  private static final int PRINTED_ROWS = 20;

  @Override
  public String name() { return "notebook"; }

  @Override
  public String summary() { return "run a Spark SQL notebook (notebooks/*.ipynb) over a run's output tables"; }

  @Override
  public Options options() {
    Options o = new Options();
    o.addOption(Option.builder().longOpt("notebook").hasArg().argName("FILE")
        .desc("the .ipynb to run; default " + DEFAULT_NOTEBOOK).build());
    o.addOption(Option.builder().longOpt("database").hasArg().argName("NAME").desc("the database label, train and "
        + "evaluate named their tables in (their --database): the notebook's ${database}").build());
    o.addOption(Option.builder().longOpt("set").hasArgs().argName("NAME=VALUE")
        .desc("a notebook parameter, e.g. out=target/demo (repeatable)").build());
    o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("write the executed notebook (NAME.ipynb, "
        + "results and charts inside) and its HTML copy (NAME.html) into DIR").build());
    SharedOptions.help(o);
    return o;
  }

  @Override
  public void run(OptionValues v, Supplier<SparkSession> spark, PrintStream out) {
    Path path = Path.of(v.string("notebook", DEFAULT_NOTEBOOK));
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
    String outDir = v.string("out", null);
    if (!java.nio.file.Files.isRegularFile(path)) {
      throw new IllegalArgumentException("no notebook at " + path);
    }
    try {
      SqlNotebook notebook = SqlNotebook.read(path);
      SqlNotebook.Outcome outcome = notebook.run(spark.get(), params);
      for (SqlNotebook.CellResult r : outcome.results()) {
        out.printf("-- cell %d%s%n%s%n", r.cell(), r.charted() ? " (chart)" : "",
            SqlNotebook.table(r.columns(), r.rows().subList(0, Math.min(r.rows().size(), PRINTED_ROWS))));
      }
      if (outDir != null) {
        Path dir = Path.of(OptionValues.absolute(outDir));
        java.nio.file.Files.createDirectories(dir);
        String name = path.getFileName().toString().replaceFirst("\\.ipynb$", "");
        notebook.write(dir.resolve(name + ".ipynb"));
        java.nio.file.Files.writeString(dir.resolve(name + ".html"), NotebookHtml.render(notebook, name));
        out.printf("executed notebook: %s%nHTML copy: %s%n", dir.resolve(name + ".ipynb"), dir.resolve(name + ".html"));
      }
      if (outcome.failed()) {
        throw new CommandFailure("cell " + outcome.failedCell() + " of " + path + " failed: " + outcome.error()
            + (outDir == null ? "" : " (the cells before it kept their results in --out)"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write notebook " + path, e);
    }
  }
}
