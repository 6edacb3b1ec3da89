package dev.songmood.cli;

import dev.songmood.fetch.ApiKey;
import dev.songmood.fetch.FetchConfig;
import dev.songmood.fetch.FetchJob;
import dev.songmood.fetch.FetchResult;
import dev.songmood.fetch.ProviderSpec;
import java.io.PrintStream;
import java.util.function.Supplier;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.spark.sql.SparkSession;

/** {@code fetch-lyrics}: fill the lyrics of a catalog's rows that have none, from a lyrics API. */
final class FetchLyricsOptions implements Command {
  @Override
  public String name() { return "fetch-lyrics"; }

  @Override
  public String summary() {
    return "fill missing lyrics from a lyrics API (lrclib, musixmatch), cached; catalog, cache, misses";
  }

  @Override
  public Options options() {
    Options o = InputOptions.add(new Options(), false);
    o.addOption(TrainOptions.arg("provider", "NAME", "lrclib (LRCLIB-style /api/get, /api/search; the default) or "
        + "musixmatch (track.search, track.lyrics.get; its key in $" + ProviderSpec.MUSIXMATCH_KEY_ENV + ")"));
    o.addOption(TrainOptions.arg("endpoint", "URL", "the provider's base URL; default " + ProviderSpec.LRCLIB_ENDPOINT
        + " or " + ProviderSpec.MUSIXMATCH_ENDPOINT));
    o.addOption(Option.builder().longOpt(ProviderSpec.ALLOW_INSECURE_OPTION.substring(2))
        .desc("let a provider that sends an API key (musixmatch: in the query string) use a plain http:// --endpoint, "
            + "the key in clear text on the network; refused without it (for a test server on loopback)").build());
    o.addOption(TrainOptions.arg("key-env", "NAME", "the environment variable holding the API key (the key itself is "
        + "never an argument); default " + ProviderSpec.MUSIXMATCH_KEY_ENV));
    o.addOption(TrainOptions.arg("key", "KEY", "refused: an API key on the command line would be in the shell's "
        + "history and the process list; put it in the environment variable --key-env names"));
    o.addOption(TrainOptions.arg("requests-per-second", "R", "the provider's limit for the whole cluster, shared "
        + "equally by the fetching tasks; default " + ProviderSpec.LRCLIB_REQUESTS_PER_SECOND + " (lrclib), "
        + ProviderSpec.MUSIXMATCH_REQUESTS_PER_SECOND + " (musixmatch)"));
    o.addOption(TrainOptions.arg("fetch-tasks", "N", "tasks asking the provider at once; default one per core"));
    o.addOption(TrainOptions.arg("songs-per-batch", "N", "songs asked per batch, each batch appended to the cache "
        + "in one commit (what a killed run can lose); default " + FetchConfig.SONGS_PER_BATCH));
    o.addOption(TrainOptions.arg("timeout-ms", "MS", "timeout of one request; default " + FetchConfig.TIMEOUT_MILLIS));
    o.addOption(TrainOptions.arg("max-attempts", "N", "attempts per request on 429, 5xx and timeouts; default "
        + FetchConfig.MAX_ATTEMPTS));
    o.addOption(TrainOptions.arg("backoff-ms", "MS", "first wait before a retry, doubled each time (a Retry-After "
        + "header wins); default " + FetchConfig.BACKOFF_MILLIS));
    o.addOption(TrainOptions.arg("cache", "DIR", "the lyrics cache table (Delta), shared by runs; default OUT/"
        + FetchConfig.CACHE_DIR));
    o.addOption(Option.builder().longOpt("lock-stale-after").hasArg().argName("SECONDS")
        .desc("take over the lock of a run on --out that gave no heartbeat for this long (default "
            + FetchConfig.LOCK_STALE_SECONDS + ")").build());
    o.addOption(SharedOptions.out(FetchConfig.CATALOG_DIR + "/ (the catalog with lyrics and lyrics_source, Parquet), "
        + FetchConfig.CACHE_DIR + "/ and " + FetchConfig.MISSES_DIR + "/ (Delta tables); the same --out night after "
        + "night"));
    SharedOptions.help(o);
    return o;
  }

  @Override
  public void run(OptionValues v, Supplier<SparkSession> spark, PrintStream out) {
    FetchConfig config = config(v);
    new Preflight().fetchInput(config.input()).out(config.out()).unlocked(config.out(), config.lockStaleSeconds());
    if (config.cache() != null) {
      new Preflight().out(config.cache());
    }
    FetchResult r = FetchJob.run(spark.get(), config);
    print(r, out);
  }

  static void print(FetchResult r, PrintStream out) {
    out.printf("fetch-lyrics: %s%ncatalog: %s%ncache: %s%nmisses: %s%n", r.counts(), r.catalogDir(), r.cacheDir(),
        r.missesDir());
  }

  private static FetchConfig config(OptionValues v) {
    if (v.flag("key")) {
      throw new UsageException("--key is refused: the API key is read from the environment ($"
          + ProviderSpec.MUSIXMATCH_KEY_ENV + ", or the variable --key-env names), never from the command line");
    }
    String name = v.string("provider", ProviderSpec.LRCLIB);
    String keyEnv = v.string("key-env", ProviderSpec.MUSIXMATCH_KEY_ENV);
    if (!keyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new UsageException("--key-env takes the name of an environment variable, not the key, got a value "
          + "that is not a variable name");
    }
    double rate = v.doubleValue("requests-per-second", 0);
    if (v.flag("requests-per-second") && !(rate > 0)) {
      throw new UsageException("--requests-per-second must be positive");
    }
    String endpoint = v.string("endpoint", null);
    boolean insecureAllowed = v.flag(ProviderSpec.ALLOW_INSECURE_OPTION.substring(2));
    try {
      ProviderSpec.refuseInsecureEndpoint(name, endpoint, insecureAllowed);  // before the key is even read
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    ApiKey key = ProviderSpec.MUSIXMATCH.equals(name) ? ApiKey.fromEnvironment(keyEnv) : ApiKey.NONE;
    if (ProviderSpec.MUSIXMATCH.equals(name) && !key.present()) {
      throw new UsageException("the musixmatch provider reads its API key from $" + keyEnv + ", which is unset or "
          + "empty (the key is never on the command line)");
    }
    try {
      ProviderSpec provider = new ProviderSpec(name, endpoint, key, insecureAllowed);
      String cache = v.string("cache", null);
      return new FetchConfig(InputOptions.parse(v), v.path("out"), cache == null ? null : OptionValues.absolute(cache),
          provider, rate, v.integer("fetch-tasks", FetchConfig.TASKS, 0),
          v.integer("songs-per-batch", FetchConfig.SONGS_PER_BATCH, 1),
          v.longValue("timeout-ms", FetchConfig.TIMEOUT_MILLIS), v.integer("max-attempts", FetchConfig.MAX_ATTEMPTS, 1),
          v.longValue("backoff-ms", FetchConfig.BACKOFF_MILLIS), FetchConfig.MAX_RETRY_AFTER_MILLIS,
          FetchConfig.BREAKER_MIN_CALLS,
          v.integer("lock-stale-after", FetchConfig.LOCK_STALE_SECONDS, 6));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
