package dev.songmood.cli;

import dev.songmood.fetch.FetchConfig;
import dev.songmood.fetch.FetchJob;
import dev.songmood.fetch.FetchResult;
import dev.songmood.fetch.ProviderSpec;
import dev.songmood.fetch.SampleLyricsServer;
import dev.songmood.input.InputSpec;
import dev.songmood.label.LabelConfig;
import dev.songmood.label.LabelJob;
import dev.songmood.label.LabelResult;
import dev.songmood.prepare.PrepareConfig;
import dev.songmood.prepare.PrepareJob;
import dev.songmood.stages.CleaningProfile;
import dev.songmood.stages.LyricsScreen;
import dev.songmood.tables.TableRegistry;
import dev.songmood.train.SearchSpace;
import dev.songmood.train.TrainConfig;
import dev.songmood.train.TrainJob;
import dev.songmood.train.TrainResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.cli.Options;
import org.apache.spark.sql.SparkSession;

/**
 * {@code demo}: the whole job on the bundled sample data: prepare and train on {@code songs.csv} (report on its
 * test split), then label {@code catalog.jsonl}; then fill the lyrics of the metadata-only {@code metadata.csv} with
 * fetch-lyrics from a loopback server, and label those. What the README's first command runs.
 */
final class DemoOptions implements Command {
  /** The loopback server is not rate limited; a visible rate keeps the demo honest about what it does. */
  static final double DEMO_REQUESTS_PER_SECOND = 20;

  @Override
  public String name() { return "demo"; }

  @Override
  public String summary() { return "prepare, train and label the bundled sample-data end to end"; }

  @Override
  public Options options() {
    Options o = new Options();
    o.addOption(SharedOptions.out("writes prepare/, train/ (model, report), label/ (predictions, quarantine), "
        + "fetch/ (metadata.csv's lyrics from a loopback server, and their labels)"));
    o.addOption(SharedOptions.database());
    o.addOption(TrainOptions.arg("sample-data", "DIR", "folder with songs.csv, catalog.jsonl, metadata.csv and "
        + "lyrics-server.json; default sample-data"));
    SharedOptions.help(o);
    return o;
  }

  @Override
  public void run(OptionValues v, Supplier<SparkSession> spark, PrintStream out) {
    String data = v.string("sample-data", "sample-data");
    String dir = OptionValues.absolute(v.string("out", "target/demo"));
    String database = SharedOptions.database(v);
    // the runs that lock their output, checked before Spark starts: another demo on --out is refused at once
    new Preflight().unlocked(dir + "/label", LabelConfig.LOCK_STALE_SECONDS)
        .unlocked(dir + "/fetch", FetchConfig.LOCK_STALE_SECONDS)
        .unlocked(dir + "/fetch/label", LabelConfig.LOCK_STALE_SECONDS);
    SparkSession session = spark.get();
    InputSpec songs = InputSpec.of(data + "/songs.csv");
    // train starts from the songs prepare read and the cleaning it fitted (same input, same settings)
    var prepared = PrepareJob.run(session, new PrepareConfig(songs, dir + "/prepare", TrainConfig.CENTRE_DEFAULT,
        null, CleaningProfile.FULL, LyricsScreen.MIN_CLEAN_CHARS_DEFAULT, LyricsScreen.MAX_RAW_CHARS_DEFAULT), true);
    out.printf("prepare: %s%n", prepared.result().counts());
    // A small grid: the sample has 32 training songs.
    TrainConfig config = TrainConfig.builder().input(songs).out(dir + "/train")
        .search(SearchSpace.builder().vocabSizes(List.of(1000)).regParams(List.of(0.01, 0.1, 1.0)).build())
        .build();
    TrainResult trained;
    try {
      trained = TrainJob.run(session, config, prepared.read());
    } finally {
      prepared.read().release();
    }
    out.printf("train: model %s; held-out report %s/report.md%n", trained.model().version(), trained.reportDir());
    ReportPrinter.print(trained.test(), out);
    LabelResult labelled = LabelJob.run(session, new LabelConfig(trained.modelDir(),
        InputSpec.of(data + "/catalog.jsonl"), dir + "/label"));
    out.printf("label: %s%npredictions: %s%nquarantine: %s%n", labelled.counts(), labelled.predictionsDir(),
        labelled.quarantineDir());
    if (database != null) {
      Map<String, TableRegistry.Location> tables = new LinkedHashMap<>(SharedOptions.reportTables("train",
          trained.reportDir(), dir + "/train/" + TrainConfig.QUARANTINE_DIR));
      tables.put("predictions", new TableRegistry.Location(labelled.predictionsDir(), "delta"));
      tables.put("quarantine", new TableRegistry.Location(labelled.quarantineDir(), "delta"));
      tables.put("runs", new TableRegistry.Location(labelled.runsDir(), "delta"));
      TableRegistry.register(session, database, tables);
      out.printf("tables: %s.predictions, %s.quarantine, %s.runs, %s.train_summary...; "
          + "./submit.sh notebook --database %s --out %s/notebooks%n", database, database, database, database,
          database, dir);
    }
    fetchAndLabel(session, data, dir, trained, out);
    out.printf("demo outputs, under %s:%n"
        + "  prepare/                 the prepared songs, their quarantine and charts (prepare/charts/*.png)%n"
        + "  train/model/             the model (label --model %s/train/model)%n"
        + "  train/report/report.md   the held-out report, with its pictures beside it%n"
        + "  label/                   predictions, quarantine and runs (Delta tables) of sample-data/catalog.jsonl%n"
        + "  fetch/                   metadata.csv's lyrics fetched from the loopback server, and fetch/label/%n",
        dir, dir);
  }

  /**
   * fetch-lyrics on the metadata-only sample, from an LRCLIB-style server on loopback that answers from
   * lyrics-server.json; then label reads the filled catalog as it is.
   */
  private static void fetchAndLabel(SparkSession session, String data, String dir, TrainResult trained,
      PrintStream out) {
    FetchResult fetched;
    try (SampleLyricsServer server = SampleLyricsServer.start(Path.of(data, "lyrics-server.json"))) {
      fetched = FetchJob.run(session, FetchConfig.of(InputSpec.of(OptionValues.absolute(data + "/metadata.csv")),
          dir + "/fetch", ProviderSpec.lrclib(server.endpoint())).withRate(DEMO_REQUESTS_PER_SECOND, 0));
      out.printf("fetch-lyrics: %s requests to the loopback server at %s%n", server.requests(), server.endpoint());
    }
    FetchLyricsOptions.print(fetched, out);
    LabelResult labelled = LabelJob.run(session, new LabelConfig(trained.modelDir(),
        InputSpec.of(fetched.catalogDir()), dir + "/fetch/label"));
    out.printf("label (fetched lyrics): %s%npredictions: %s%n", labelled.counts(), labelled.predictionsDir());
  }
}
