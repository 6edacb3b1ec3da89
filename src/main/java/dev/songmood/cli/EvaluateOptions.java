package dev.songmood.cli;

import dev.songmood.evaluate.EvaluateConfig;
import dev.songmood.evaluate.EvaluateJob;
import dev.songmood.evaluate.EvaluateResult;
import dev.songmood.tables.TableRegistry;
import java.io.PrintStream;
import java.util.function.Supplier;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.spark.sql.SparkSession;

/** {@code evaluate}: score a saved model on a labelled data set. */
final class EvaluateOptions implements Command {
  @Override
  public String name() { return "evaluate"; }

  @Override
  public String summary() { return "score a saved model on a labelled data set; write the report"; }

  @Override
  public Options options() {
    Options o = InputOptions.add(new Options(), true);
    o.addOption(SharedOptions.model());
    o.addOption(SharedOptions.database());
    o.addOption(SharedOptions.out("writes report/, quarantine/"));
    o.addOption(TrainOptions.arg("split", "VALUE", "evaluate only rows with this split value (e.g. test); songs are split as the model's training split them "
        + "(its provenance's splits: by artist, the same hash), so on its training data test means its held-out songs"));
    SharedOptions.labels(o, "model");
    o.addOption(SharedOptions.lyricsOnly());
    o.addOption(Option.builder().longOpt("recalibrate").desc("refit only the model's calibration (one temperature) on these "
        + "labelled songs (at least 100; a sample of your own catalog) and write the new model version to OUT/model; "
        + "the report compares its cross-fitted ECE with the model's own calibration").build());
    o.addOption(SharedOptions.cascade());
    o.addOption(Option.builder().longOpt("add-cascade").desc("choose an encoder cascade's threshold on these labelled "
        + "songs (the model's validation split: --split validation; at least 100) as train does, and write the model "
        + "with it to OUT/model: songs its TF-IDF member (with the catalog prior) is sure of skip the encoder")
        .build());
    SharedOptions.help(o);
    return o;
  }

  @Override
  public void run(OptionValues v, Supplier<SparkSession> spark, PrintStream out) {
    EvaluateConfig config = new EvaluateConfig(SharedOptions.modelDir(v), InputOptions.parse(v), v.string("split", null),
        v.string("centre", "model"), v.string("quadrant-col", null), v.path("out"),
        v.flag("lyrics-only"), v.flag("recalibrate"), SharedOptions.cascade(v), v.flag("add-cascade"));
    new Preflight().model(config.model()).input(config.input());
    String database = SharedOptions.database(v);
    EvaluateResult r = EvaluateJob.run(spark.get(), config);
    if (database != null) {
      TableRegistry.register(spark.get(), database, SharedOptions.reportTables("evaluate", r.reportDir(),
          config.out() + "/" + EvaluateConfig.QUARANTINE_DIR));
    }
    out.printf("report: %s/report.md%nrows: %s%n", r.reportDir(), r.counts());
    if (config.recalibrate() || config.addCascade()) {
      out.printf("%s model: %s/%s%n", config.recalibrate() ? "recalibrated" : "cascaded", config.out(),
          EvaluateConfig.MODEL_DIR);
    }
    ReportPrinter.print(r.report(), out);
  }
}
