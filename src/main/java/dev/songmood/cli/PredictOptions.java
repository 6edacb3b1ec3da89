package dev.songmood.cli;

import dev.songmood.label.PredictJob;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.spark.sql.SparkSession;

/** {@code predict}: lyrics as an argument or JSON lines on standard input, one JSON line out per song. */
final class PredictOptions implements Command {
  private final InputStream stdin;

  PredictOptions(InputStream stdin) {
    this.stdin = stdin;
  }

  @Override
  public String name() { return "predict"; }

  @Override
  public String summary() {
    return "classify lyrics given as --lyrics or JSON lines {\"id\",\"lyrics\"} on stdin; JSON lines out";
  }

  @Override
  public Options options() {
    Options o = new Options();
    o.addOption(SharedOptions.model());
    o.addOption(Option.builder().longOpt("lyrics").hasArg().argName("TEXT")
        .desc("the lyrics of one song; without it, JSON lines are read from standard input").build());
    SharedOptions.help(o);
    return o;
  }

  @Override
  public void run(OptionValues v, Supplier<SparkSession> spark, PrintStream out) {
    String model = SharedOptions.modelDir(v);
    String lyrics = v.string("lyrics", null);
    if (lyrics != null) {
      PredictJob.runText(spark.get(), model, lyrics, out);
      return;
    }
    List<String> lines;
    try {
      lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).lines()
          .filter(l -> !l.isBlank()).toList();
    } catch (UncheckedIOException e) {
      throw new UsageException("cannot read standard input: " + e.getMessage());
    }
    if (lines.isEmpty()) {
      throw new UsageException("no input: give --lyrics TEXT or JSON lines on standard input");
    }
    PredictJob.run(spark.get(), model, lines, out);
  }
}
