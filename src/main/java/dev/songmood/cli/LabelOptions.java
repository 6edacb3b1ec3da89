package dev.songmood.cli;

import dev.songmood.label.LabelConfig;
import dev.songmood.label.LabelJob;
import dev.songmood.label.LabelResult;
import dev.songmood.songs.LanguagePolicy;
import dev.songmood.tables.TableRegistry;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.spark.sql.SparkSession;

/** {@code label}: apply a saved model to a catalog. */
final class LabelOptions implements Command {
  @Override
  public String name() { return "label"; }

  @Override
  public String summary() {
    return "label a catalog with a saved model, incrementally; predictions, quarantine and runs tables (Delta)";
  }

  @Override
  public Options options() {
    Options o = InputOptions.add(new Options(), false);
    o.addOption(SharedOptions.model());
    o.addOption(SharedOptions.lyricsOnly());
    o.addOption(SharedOptions.cascade());
    o.addOption(Option.builder().longOpt("full").desc("relabel every song, not only the new and changed ones "
        + "(default: a song keeps its row when its id, lyrics, artist, genre and the model version are unchanged)")
        .build());
    o.addOption(Option.builder().longOpt("songs-per-task").hasArg().argName("N")
        .desc("songs per labelling task (default " + LabelConfig.SONGS_PER_TASK + "): at least one task per core")
        .build());
    o.addOption(Option.builder().longOpt("engine").hasArg().argName("NAME")
        .desc("what runs a fine-tuned encoder: onnxruntime (default) or sparknlp (its Spark NLP annotator, imported "
            + "once into OUT/" + LabelConfig.SPARKNLP_DIR + "/ unless --sparknlp-annotator names one)").build());
    o.addOption(Option.builder().longOpt("sparknlp-annotator").hasArg().argName("DIR")
        .desc("with --engine sparknlp: the annotator export-sparknlp wrote for this model").build());
    o.addOption(Option.builder().longOpt("lock-stale-after").hasArg().argName("SECONDS")
        .desc("take over the lock of a run on --out that gave no heartbeat for this long: a killed run (default "
            + LabelConfig.LOCK_STALE_SECONDS + ")").build());
    o.addOption(SharedOptions.database());
    o.addOption(Option.builder().longOpt("language-policy").hasArg().argName("POLICY")
        .desc("songs whose lyrics are in a language the model was not trained on: quarantine (default, reason "
            + LanguagePolicy.UNSUPPORTED_LANGUAGE + ") or flag (label them, with language_supported = false)")
        .build());
    ConfidenceOptions.add(o);
    o.addOption(SharedOptions.out("the tables' directory: predictions/, quarantine/, runs/ (Delta tables); "
        + "the same --out night after night"));
    SharedOptions.help(o);
    return o;
  }

  @Override
  public void run(OptionValues v, Supplier<SparkSession> spark, PrintStream out) {
    String model = SharedOptions.modelDir(v);
    LabelConfig config = new LabelConfig(model, InputOptions.parse(v), v.path("out"),
        v.flag("lyrics-only"), v.flag("full"), v.integer("songs-per-task", LabelConfig.SONGS_PER_TASK, 1),
        engine(v), v.integer("lock-stale-after", LabelConfig.LOCK_STALE_SECONDS, 6), languagePolicy(v),
        ConfidenceOptions.threshold(v, model), SharedOptions.cascade(v));
    String database = SharedOptions.database(v);
    Preflight checked = new Preflight().model(config.model()).input(config.input()).out(config.out())
        .unlocked(config.out(), config.lockStaleSeconds());
    LabelResult r = LabelJob.run(spark.get(), config, checked.plan());
    if (database != null) {
      TableRegistry.register(spark.get(), database, Map.of(
          "predictions", new TableRegistry.Location(r.predictionsDir(), "delta"),
          "quarantine", new TableRegistry.Location(r.quarantineDir(), "delta"),
          "runs", new TableRegistry.Location(r.runsDir(), "delta")));
    }
    out.printf("labelled with %s: %s%npredictions: %s%nquarantine: %s%nruns: %s%n", r.modelVersion(), r.counts(),
        r.predictionsDir(), r.quarantineDir(), r.runsDir());
  }

  private static LanguagePolicy languagePolicy(OptionValues v) {
    try {
      return LanguagePolicy.parse(v.string("language-policy", LanguagePolicy.DEFAULT.toString()));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static LabelConfig.Engine engine(OptionValues v) {
    try {
      return new LabelConfig.Engine(v.string("engine", LabelConfig.Engine.ONNXRUNTIME), v.string("sparknlp-annotator",
          null));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
