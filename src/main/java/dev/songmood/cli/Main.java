package dev.songmood.cli;

import dev.songmood.runtime.ShippedFiles;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point: {@code songmood SUBCOMMAND [options]}. Parses, validates, then runs one job. Spark settings come
 * from spark-submit and {@code conf/}, never from here. Exit codes: 0 done, 1 the job failed, 2 bad usage
 * (3: a playlist that fell short).
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) {
    try {
      ShippedFiles.prepareDriver();
    } catch (RuntimeException e) {
      System.err.println("songmood: " + e.getMessage());
      System.exit(2);
    }
    int code = run(args, System.in, System.out, System.err, Main::session);
    if (code != 0) {
      System.exit(code);
    }
  }

  private static SparkSession session() {
    double beforeMain = (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1e3;
    long start = System.nanoTime();
    SparkSession spark = SparkSession.builder().appName("songmood").getOrCreate();
    LOG.info("startup: JVM running {} s before the Spark session, which took {} s to start",
        String.format("%.1f", beforeMain), String.format("%.1f", (System.nanoTime() - start) / 1e9));
    return spark;
  }

  static Map<String, Command> commands(InputStream stdin, PrintStream err) {
    Map<String, Command> commands = new LinkedHashMap<>();
    for (Command c : new Command[] {new PrepareOptions(), new TrainOptions(), new EvaluateOptions(),
        new LabelOptions(), new FetchLyricsOptions(), new PredictOptions(stdin), new ServeOptions(), new DemoOptions(),
        new NotebookOptions(), new ProfileOptions(), new PlaylistOptions(), new ExportOptions(),
        new SealModelOptions(), new SqlOptions(err), new RestoreOptions()}) {
      commands.put(c.name(), c);
    }
    return commands;
  }

  /** Runs one subcommand; returns the exit code. Tests call this with their own session supplier. */
  public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err,
      Supplier<SparkSession> spark) {
    Map<String, Command> commands = commands(stdin, err);
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
      usage(commands, args.length == 0 ? err : out);
      return args.length == 0 ? 2 : 0;
    }
    Command command = commands.get(args[0]);
    if (command == null) {
      err.println("songmood: unknown command '" + args[0] + "'"
          + Suggestions.didYouMean(args[0], commands.keySet(), ""));
      usage(commands, err);
      return 2;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      // no partial matching: --datab must not be taken as --database (submit.sh, which reads --database itself to
      // set up a metastore, sees only the whole name); a prefix gets a suggestion instead
      CommandLine line = DefaultParser.builder().setAllowPartialMatching(false).build()
          .parse(command.options(), rest);
      if (line.hasOption("help")) {
        help(command, out);
        return 0;
      }
      if (!line.getArgList().isEmpty() && !command.takesArguments()) {
        throw new UsageException("unexpected argument(s) " + line.getArgList());
      }
      command.run(new OptionValues(line), spark, out);
      return 0;
    } catch (ParseException | UsageException e) {
      err.println("songmood " + command.name() + ": " + e.getMessage() + suggestion(e, command));
      err.println("(songmood " + command.name() + " --help lists the options)");
      return 2;
    } catch (CommandFailure e) {
      err.println("songmood " + command.name() + ": " + e.getMessage());
      return e.exitCode();
    } catch (IllegalArgumentException e) {
      // Bad input the job detected before doing work: a missing path, a missing column, not a model...
      err.println("songmood " + command.name() + ": " + e.getMessage());
      return 2;
    } catch (Exception e) {  // RuntimeException, and checked ones Scala code throws undeclared
      java.util.Optional<String> checksum = dev.songmood.io.StaleChecksums.explain(e);
      if (checksum.isPresent()) {
        err.println("songmood " + command.name() + ": " + checksum.get());
        return 2;
      }
      LOG.error("songmood {} failed", command.name(), e);
      err.println("songmood " + command.name() + " failed: " + e);
      return 1;
    }
  }

  /** "; did you mean --input?" for a misspelt option ({@link Suggestions}), else "". */
  static String suggestion(Exception e, Command command) {
    if (!(e instanceof UnrecognizedOptionException u)) {
      return "";
    }
    String typed = u.getOption().replaceFirst("^-+", "").replaceFirst("=.*$", "");
    List<String> names = command.options().getOptions().stream().map(Option::getLongOpt)
        .filter(java.util.Objects::nonNull).toList();
    return Suggestions.didYouMean(typed, names, "--");
  }

  private static void usage(Map<String, Command> commands, PrintStream to) {
    to.println("usage: songmood COMMAND [options]   (songmood COMMAND --help for its options)");
    to.println();
    for (Command c : commands.values()) {
      to.printf("  %-15s %s%n", c.name(), c.summary());
    }
    to.flush();
  }

  private static void help(Command command, PrintStream to) {
    PrintWriter w = new PrintWriter(to);
    new HelpFormatter().printHelp(w, 110, "songmood " + command.name() + " [options]", command.summary(),
        command.options(), 2, 2, "");
    w.flush();
  }
}
