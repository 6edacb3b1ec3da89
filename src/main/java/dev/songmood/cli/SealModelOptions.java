package dev.songmood.cli;

import dev.songmood.io.HadoopFiles;
import dev.songmood.model.EmotionModel;
import dev.songmood.model.ModelSeal;
import java.io.PrintStream;
import java.util.function.Supplier;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.spark.sql.SparkSession;

/**
 * {@code seal-model}: records the SHA-256 of every file of a model directory as it is now (its {@code _PUBLISHED}
 * marker), so that every later load checks them ({@code model.ModelSeal}); then loads it to show it is a model. For a
 * model published by an older songmood, or one changed on purpose (a model replaced in {@code models/default}).
 */
final class SealModelOptions implements Command {
  @Override
  public String name() { return "seal-model"; }

  @Override
  public String summary() {
    return "trust a model directory as it is now: record each file's SHA-256, which every load then checks";
  }

  @Override
  public Options options() {
    Options o = new Options();
    o.addOption(Option.builder().longOpt("model").hasArg().argName("DIR").desc("the model directory to seal")
        .build());
    SharedOptions.help(o);
    return o;
  }

  @Override
  public void run(OptionValues v, Supplier<SparkSession> spark, PrintStream out) {
    String model = v.path("model");
    SparkSession session = spark.get();
    int sealed = ModelSeal.seal(new HadoopFiles(session), model);
    EmotionModel loaded = EmotionModel.load(session, model);
    out.printf("sealed %s: %d files, model %s%n", model, sealed, loaded.version());
  }
}
