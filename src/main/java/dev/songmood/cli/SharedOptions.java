package dev.songmood.cli;

import dev.songmood.evaluate.ReportWriter;
import dev.songmood.runtime.ShippedFiles;
import dev.songmood.stages.CleaningProfile;
import dev.songmood.stages.LyricsScreen;
import dev.songmood.tables.TableRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** Options that mean the same in several subcommands: output, labels, cleaning. */
final class SharedOptions {
  /** Whether a model's encoder cascade runs unless --cascade says otherwise. */
  static final String CASCADE_DEFAULT = "on";

  private SharedOptions() {
  }

  static Option out(String what) {
    return Option.builder().longOpt("out").hasArg().argName("DIR").desc("output directory: " + what).build();
  }

  static Option model() {
    return Option.builder().longOpt("model").hasArg().argName("DIR").desc("saved model directory (from train); "
        + "default: the shipped model, $SONGMOOD_MODEL or models/default").build();
  }

  static Option lyricsOnly() {
    return Option.builder().longOpt("lyrics-only").desc("leave out the model's catalog priors (artist, genre): label "
        + "every song from its lyrics alone (the model version gets +lyrics-only)").build();
  }

  static Option cascade() {
    return Option.builder().longOpt("cascade").hasArg().argName("on|off").desc("the model's encoder cascade: on "
        + "(songs its encoder-free members are sure of skip the encoder) or off (every song through every member); "
        + "default " + CASCADE_DEFAULT + "; a model without a cascade runs every member either way").build();
  }

  /** --cascade, checked: whether the model's cascade runs. */
  static boolean cascade(OptionValues v) {
    String value = v.string("cascade", CASCADE_DEFAULT);
    if (!value.equals("on") && !value.equals("off")) {
      throw new UsageException("--cascade must be on or off, got " + value);
    }
    return value.equals("on");
  }

  /**
   * The model to use: --model, else -Dsongmood.model (a cluster driver: the shipped model's name), else
   * $SONGMOOD_MODEL (submit.sh sets it to the shipped model), else models/default.
   */
  static String modelDir(OptionValues v) {
    String shipped = System.getProperty(ShippedFiles.MODEL_PROPERTY);
    String env = System.getenv("SONGMOOD_MODEL");
    String fallback = shipped != null && !shipped.isBlank() ? shipped
        : env != null && !env.isBlank() ? env : "models/default";
    return OptionValues.absolute(v.string("model", fallback));
  }

  static void labels(Options options, String defaultCentre) {
    options.addOption(Option.builder().longOpt("centre").hasArg().argName("C")
        .desc("centre of the valence/arousal plane: median, mean, model (the trained model's), a number for both, "
            + "or VALENCE,AROUSAL (0 for standardised data such as Deezer's); default " + defaultCentre).build());
    options.addOption(Option.builder().longOpt("quadrant-col").hasArg().argName("NAME")
        .desc("read labels from this column instead (0..3, Q1..Q4, or happy/angry/sad/relaxed)").build());
  }

  static void cleaning(Options options) {
    options.addOption(Option.builder().longOpt("cleaning").hasArg().argName("PROFILE")
        .desc("full (bag of words: lower-case, contractions, punctuation, stop words) or light (encoders); "
            + "default full").build());
    options.addOption(Option.builder().longOpt("min-chars").hasArg().argName("N")
        .desc("reject lyrics with fewer characters after cleaning; default " + LyricsScreen.MIN_CLEAN_CHARS_DEFAULT)
        .build());
    options.addOption(Option.builder().longOpt("max-chars").hasArg().argName("N")
        .desc("reject lyrics with more characters as read; default " + LyricsScreen.MAX_RAW_CHARS_DEFAULT).build());
  }

  static CleaningProfile profile(OptionValues v) {
    try {
      return CleaningProfile.parse(v.string("cleaning", "full"));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  static void help(Options options) {
    options.addOption(Option.builder("h").longOpt("help").desc("show this help").build());
  }

  static Option database() {
    return Option.builder().longOpt("database").hasArg().argName("NAME").desc("also name the output tables in "
        + "the Spark catalog as NAME.TABLE (NAME.predictions...), for SQL by name; the platform's metastore on a "
        + "cluster, an embedded one for local runs (submit.sh)").build();
  }

  /** --database, checked: null when not given. */
  static String database(OptionValues v) {
    String name = v.string("database", null);
    try {
      return name == null ? null : TableRegistry.requireName(name);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--database: " + e.getMessage());
    }
  }

  /** Report tables under {@code reportDir} as {@code prefix_summary}, {@code prefix_per_class}... (Parquet). */
  static Map<String, TableRegistry.Location> reportTables(String prefix, String reportDir, String quarantineDir) {
    Map<String, TableRegistry.Location> tables = new LinkedHashMap<>();
    for (String table : ReportWriter.TABLES) {
      tables.put(prefix + "_" + table, new TableRegistry.Location(reportDir + "/" + table, "parquet"));
    }
    tables.put(prefix + "_quarantine", new TableRegistry.Location(quarantineDir, "parquet"));
    return tables;
  }
}
