package dev.songmood.cli;

import dev.songmood.prepare.PrepareConfig;
import dev.songmood.prepare.PrepareJob;
import dev.songmood.prepare.PrepareResult;
import dev.songmood.stages.LyricsScreen;
import java.io.PrintStream;
import java.util.function.Supplier;
import org.apache.commons.cli.Options;
import org.apache.spark.sql.SparkSession;

/** {@code prepare}: clean lyrics, derive quadrants, write a Parquet data set and its quarantine. */
final class PrepareOptions implements Command {
  @Override
  public String name() { return "prepare"; }

  @Override
  public String summary() { return "clean lyrics, derive quadrants, write a Parquet data set + quarantine + charts"; }

  @Override
  public Options options() {
    Options o = InputOptions.add(new Options(), true);
    o.addOption(SharedOptions.out("writes prepared/, quarantine/, charts/"));
    SharedOptions.labels(o, "median");
    SharedOptions.cleaning(o);
    SharedOptions.help(o);
    return o;
  }

  @Override
  public void run(OptionValues v, Supplier<SparkSession> spark, PrintStream out) {
    PrepareConfig config = new PrepareConfig(InputOptions.parse(v), v.path("out"), v.string("centre", "median"),
        v.string("quadrant-col", null), SharedOptions.profile(v),
        v.integer("min-chars", LyricsScreen.MIN_CLEAN_CHARS_DEFAULT, 0),
        v.integer("max-chars", LyricsScreen.MAX_RAW_CHARS_DEFAULT, 1));
    new Preflight().input(config.input());
    PrepareResult r = PrepareJob.run(spark.get(), config);
    out.printf("prepared %s: %s; per quadrant Q1..Q4 %s; centre (%.4f, %.4f)%n", r.preparedDir(), r.counts(),
        java.util.Arrays.toString(r.quadrantCounts()), r.valenceCentre(), r.arousalCentre());
  }
}
