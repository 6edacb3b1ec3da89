package dev.songmood.cli;

import dev.songmood.train.TrainConfig;
import dev.songmood.train.TrainJob;
import dev.songmood.train.TrainResult;
import java.io.PrintStream;
import java.util.function.Supplier;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.spark.sql.SparkSession;

/** {@code train}: fit the pipeline, search hyperparameters, save the model and its held-out report. */
final class TrainOptions implements Command {
  @Override
  public String name() { return "train"; }

  @Override
  public String summary() { return "fit the pipeline with hyperparameter search; save the model and its report"; }

  @Override
  public Options options() {
    Options o = InputOptions.add(new Options(), true);
    o.addOption(SharedOptions.out("writes model/, report/, quarantine/"));
    SharedOptions.labels(o, "median (learned on the training split and saved in the model)");
    SharedOptions.cleaning(o);
    o.addOption(arg("train-split", "VALUE", "split value of training rows; default train"));
    o.addOption(arg("validation-split", "VALUE", "split value of validation rows; default validation"));
    o.addOption(arg("test-split", "VALUE", "split value of held-out test rows; default test"));
    o.addOption(arg("folds", "K", "search by K-fold cross-validation over train+validation instead of the "
        + "validation split; default 0 (validation split; 5 folds when there is none)"));
    o.addOption(arg("vocab-sizes", "LIST", "grid: CountVectorizer vocabulary sizes; default 5000,20000"));
    o.addOption(arg("min-doc-freqs", "LIST", "grid: minimum document frequencies; default 2"));
    o.addOption(arg("reg-params", "LIST", "grid: L2 regularisation; default 0.0003,0.001,0.003,0.01"));
    o.addOption(arg("elastic-nets", "LIST", "grid: elastic-net mixing (0 = L2, 1 = L1); default 0"));
    o.addOption(arg("max-iter", "N", "logistic regression iterations; default 100"));
    o.addOption(arg("parallelism", "N", "trials fitted at once; default 2"));
    o.addOption(arg("seed", "N", "seed for splits and folds; default 42"));
    o.addOption(Option.builder().longOpt("refit-train-only")
        .desc("refit the chosen configuration on train only (default: train + validation)").build());
    SharedOptions.help(o);
    return o;
  }

  static Option arg(String name, String argName, String desc) {
    return Option.builder().longOpt(name).hasArg().argName(argName).desc(desc).build();
  }

  @Override
  public void run(OptionValues v, Supplier<SparkSession> spark, PrintStream out) {
    TrainConfig d = TrainConfig.defaults(InputOptions.parse(v), v.required("out"));
    TrainConfig config = new TrainConfig(d.input(), d.out(), v.string("centre", d.centre()),
        v.string("quadrant-col", null), SharedOptions.profile(v), v.integer("min-chars", d.minCleanChars(), 0),
        v.integer("max-chars", d.maxRawChars(), 1), v.string("train-split", d.trainSplit()),
        v.string("validation-split", d.validationSplit()), v.string("test-split", d.testSplit()),
        v.longValue("seed", d.seed()), v.integer("folds", d.folds(), 0),
        v.integers("vocab-sizes", d.vocabSizes()), v.integers("min-doc-freqs", d.minDocFreqs()),
        v.doubles("reg-params", d.regParams()), v.doubles("elastic-nets", d.elasticNets()),
        v.integer("max-iter", d.maxIter(), 1), v.integer("parallelism", d.parallelism(), 1),
        !v.flag("refit-train-only"));
    if (config.folds() == 1) {
      throw new UsageException("--folds must be 0 (validation split) or at least 2");
    }
    TrainResult r = TrainJob.run(spark.get(), config);
    out.printf("model %s saved to %s%nreport: %s/report.md%nrows: %s%n", r.model().version(), r.modelDir(),
        r.reportDir(), r.counts());
    ReportPrinter.print(r.test(), out);
  }
}
