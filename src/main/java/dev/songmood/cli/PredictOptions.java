package dev.songmood.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
  private static final ObjectMapper JSON = new ObjectMapper();
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
    o.addOption(Option.builder().longOpt("strict")
        .desc("exit 1 when any song could not be classified (its line still says why)").build());
    o.addOption(SharedOptions.cascade());
    ConfidenceOptions.add(o);
    SharedOptions.help(o);
    return o;
  }

  @Override
  public void run(OptionValues v, Supplier<SparkSession> spark, PrintStream out) {
    String model = SharedOptions.modelDir(v);
    String lyrics = v.string("lyrics", null);
    Double minConfidence = ConfidenceOptions.threshold(v, model);
    boolean cascade = SharedOptions.cascade(v);
    if (lyrics != null) {
      failures(PredictJob.runText(spark.get(), model, lyrics, minConfidence, cascade, out), v.flag("strict"));
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
    failures(PredictJob.run(spark.get(), model, lines, minConfidence, cascade, out), v.flag("strict"));
  }

  /** Says on stderr how many lines failed; with {@code strict}, any failure makes the command exit 1. */
  private void failures(List<String> results, boolean strict) {
    long failed = results.stream().filter(r -> {
      try {
        return JSON.readTree(r).has("error");
      } catch (JsonProcessingException e) {
        return true;
      }
    }).count();
    if (failed > 0) {
      String message = failed + " of " + results.size() + " line(s) could not be classified (see their error)";
      if (strict) {
        throw new CommandFailure(message);
      }
      System.err.println("songmood predict: " + message);
    }
  }
}
