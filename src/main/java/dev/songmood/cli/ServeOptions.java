package dev.songmood.cli;

import dev.songmood.model.EmotionModel;
import dev.songmood.serve.PredictionServer;
import dev.songmood.serve.ServeConfig;
import java.io.PrintStream;
import java.util.function.Supplier;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.spark.sql.SparkSession;

/** {@code serve}: a model behind an HTTP endpoint until the process is stopped. */
final class ServeOptions implements Command {
  @Override
  public String name() { return "serve"; }

  @Override
  public String summary() {
    return "serve a model over HTTP: POST /predict (one song or a batch, JSON), GET /health, GET /model";
  }

  @Override
  public Options options() {
    Options o = new Options();
    o.addOption(SharedOptions.model());
    o.addOption(Option.builder().longOpt("host").hasArg().argName("ADDRESS")
        .desc("address to listen on (default " + ServeConfig.HOST + ": this machine only; 0.0.0.0 for all)").build());
    o.addOption(Option.builder().longOpt("port").hasArg().argName("PORT")
        .desc("port (default " + ServeConfig.PORT + "; 0 for any free one, printed at start)").build());
    o.addOption(Option.builder().longOpt("max-body-bytes").hasArg().argName("N")
        .desc("largest request body; larger ones get 413 (default " + ServeConfig.MAX_BODY_BYTES + ")").build());
    o.addOption(Option.builder().longOpt("max-batch").hasArg().argName("N")
        .desc("most songs in one request; more get 413 (default " + ServeConfig.MAX_BATCH + ")").build());
    o.addOption(Option.builder().longOpt("max-song-fields").hasArg().argName("N")
        .desc("most fields in one song, and distinct field names in a batch; more get 400 (default "
            + ServeConfig.MAX_SONG_FIELDS + ")").build());
    o.addOption(Option.builder().longOpt("read-timeout-ms").hasArg().argName("MS")
        .desc("a connection silent this long while a body or request is awaited is closed (default "
            + ServeConfig.READ_TIMEOUT_MS + "); bodies slower than " + ServeConfig.MIN_BODY_BYTES_PER_SECOND
            + " bytes/s get 408").build());
    o.addOption(Option.builder().longOpt("max-connections").hasArg().argName("N")
        .desc("most open connections; at the limit new ones wait (default " + ServeConfig.MAX_CONNECTIONS + ")")
        .build());
    o.addOption(Option.builder().longOpt("max-concurrent").hasArg().argName("N")
        .desc("most /predict requests read or answered at once; more get 503 (default " + ServeConfig.MAX_CONCURRENT
            + ")").build());
    o.addOption(SharedOptions.cascade());
    ConfidenceOptions.add(o);
    SharedOptions.help(o);
    return o;
  }

  @Override
  public void run(OptionValues v, Supplier<SparkSession> spark, PrintStream out) {
    ServeConfig config;
    try {
      config = new ServeConfig(SharedOptions.modelDir(v), v.string("host", ServeConfig.HOST),
          v.integer("port", ServeConfig.PORT, 0), v.integer("max-body-bytes", (int) ServeConfig.MAX_BODY_BYTES, 1024),
          v.integer("max-batch", ServeConfig.MAX_BATCH, 1),
          v.integer("max-song-fields", ServeConfig.MAX_SONG_FIELDS, 2),
          v.integer("read-timeout-ms", (int) ServeConfig.READ_TIMEOUT_MS, 100), ServeConfig.MIN_BODY_BYTES_PER_SECOND,
          v.integer("max-connections", ServeConfig.MAX_CONNECTIONS, 2),
          v.integer("max-concurrent", ServeConfig.MAX_CONCURRENT, 1));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    boolean cascade = SharedOptions.cascade(v);
    new Preflight().model(config.model());
    config = config.withMinConfidence(ConfidenceOptions.threshold(v, config.model()));
    long start = System.nanoTime();
    // listening first: /health answers 503 "loading" while Spark starts, the model loads and a warm-up song runs
    PredictionServer server = PredictionServer.listen(config);
    out.printf("listening on http://%s:%d/predict; loading %s (GET /health: 503 until ready)%n", config.host(),
        server.port(), config.model());
    out.flush();
    try {
      SparkSession session = spark.get();
      EmotionModel model = EmotionModel.load(session, config.model());
      server.ready(session, cascade ? model : model.withoutCascade());
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
    out.printf("ready in %.1f s: serving %s on http://%s:%d/predict (Ctrl-C stops)%n",
        (System.nanoTime() - start) / 1e9, config.model(), config.host(), server.port());
    out.flush();
    try {
      server.awaitShutdown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
