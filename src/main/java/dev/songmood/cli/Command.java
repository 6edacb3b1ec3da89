package dev.songmood.cli;

import java.io.PrintStream;
import java.util.function.Supplier;
import org.apache.commons.cli.Options;
import org.apache.spark.sql.SparkSession;

/**
 * A subcommand: its options, and how to run it. {@link #run} converts and checks every option first (throwing
 * {@link UsageException}), and only then asks for the Spark session, so a bad argument fails in milliseconds.
 */
interface Command {
  String name();

  String summary();

  Options options();

  /** Whether words after the options are the command's own (sql's query); otherwise they are refused. */
  default boolean takesArguments() {
    return false;
  }

  void run(OptionValues values, Supplier<SparkSession> spark, PrintStream out);
}
