package dev.songmood.cli;

import dev.songmood.label.LabelConfig;
import dev.songmood.label.LabelJob;
import dev.songmood.label.LabelResult;
import java.io.PrintStream;
import java.util.function.Supplier;
import org.apache.commons.cli.Options;
import org.apache.spark.sql.SparkSession;

/** {@code label}: apply a saved model to a catalog. */
final class LabelOptions implements Command {
  @Override
  public String name() { return "label"; }

  @Override
  public String summary() { return "apply a saved model to a catalog; write predictions + quarantine (Parquet)"; }

  @Override
  public Options options() {
    Options o = InputOptions.add(new Options(), false);
    o.addOption(SharedOptions.model());
    o.addOption(SharedOptions.lyricsOnly());
    o.addOption(SharedOptions.out("writes predictions/, quarantine/"));
    SharedOptions.help(o);
    return o;
  }

  @Override
  public void run(OptionValues v, Supplier<SparkSession> spark, PrintStream out) {
    LabelConfig config = new LabelConfig(SharedOptions.modelDir(v), InputOptions.parse(v), v.required("out"),
        v.flag("lyrics-only"));
    LabelResult r = LabelJob.run(spark.get(), config);
    out.printf("labelled with %s: %s%npredictions: %s%nquarantine: %s%n", r.modelVersion(), r.counts(),
        r.predictionsDir(), r.quarantineDir());
  }
}
