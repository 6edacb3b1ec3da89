package dev.songmood.fetch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import dev.songmood.input.InputSpec;
import dev.songmood.io.HadoopFiles;
import dev.songmood.io.OutputLocation;
import dev.songmood.io.OutputPublisher;
import dev.songmood.io.RunLock;
import dev.songmood.monitor.JobMetrics;
import dev.songmood.runtime.Phases;
import dev.songmood.runtime.RunId;
import dev.songmood.songs.CatalogReader;
import dev.songmood.tables.LyricsCacheTable;
import dev.songmood.tables.LyricsMissesTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code fetch-lyrics}: fills the lyrics of the catalog rows that have none from a lyrics API, on the executors.
 *
 * <p>On the driver: the songs still to ask are those to look up ({@link FetchSongs}) whose cache key the cache does
 * not hold, once per key, staged as Parquet and cut into batches of about {@code songsPerBatch}. Each batch is one
 * Spark job of {@code tasks} tasks ({@link FetchPartition}) whose answers are staged, then appended to the cache in
 * one commit: a run killed mid-way keeps every batch it finished, and the rerun asks only what is still missing.
 * Then every row gets its outcome ({@link FetchOutcomes}); the catalog is published in one swap, the misses table
 * replaced in one commit. Nothing is computed twice: what was fetched is read back from the staged files.
 */
public final class FetchJob {
  private static final Logger LOG = LoggerFactory.getLogger(FetchJob.class);

  private FetchJob() {
  }

  public static FetchResult run(SparkSession spark, FetchConfig config) {
    String runId = RunId.next();
    JobMetrics metrics = JobMetrics.start("fetch-lyrics", List.of("read"));
    OutputLocation.requireWritable(spark.sparkContext().hadoopConfiguration(), "--out", config.out());
    try (RunLock lock = RunLock.take(spark.sparkContext().hadoopConfiguration(), config.out(), runId,
        Duration.ofSeconds(config.lockStaleSeconds()))) {
      FetchResult result = run(spark, config, runId);
      metrics.counts(result.counts());
      metrics.finish(result.seconds());
      return result;
    }
  }

  private static FetchResult run(SparkSession spark, FetchConfig config, String runId) {
    long start = System.nanoTime();
    String out = FetchConfig.stripSlash(config.out());
    ProviderSpec provider = config.provider();
    Dataset<Row> raw = read(spark, config.input());
    Dataset<Row> songs = FetchSongs.of(raw, config.input().columns());
    LyricsCacheTable cache = new LyricsCacheTable(spark, config.cachePath());
    LyricsMissesTable misses = new LyricsMissesTable(spark, out + "/" + FetchConfig.MISSES_DIR);
    HadoopFiles files = new HadoopFiles(spark);
    String stagingRoot = out + "/" + FetchConfig.STAGING_DIR;
    files.delete(stagingRoot);  // what a killed run left: its finished batches are in the cache already
    String staging = stagingRoot + "/" + runId;
    int tasks = config.tasks() > 0 ? config.tasks() : Math.max(1, spark.sparkContext().defaultParallelism());
    LOG.info("fetch-lyrics run {}: catalog {}, provider {}, {} requests/s in all over {} tasks, cache {}", runId,
        config.input().displayPaths(), provider, Phases.tenths(config.requestsPerSecond()), tasks, config.cachePath());
    try {
      Dataset<Row> known = cache.answers(provider.name(), FetchPartition.RESULT)
          .select(LyricsCacheTable.ARTIST_KEY, LyricsCacheTable.TITLE_KEY);
      FetchSongs.toLookUp(songs).join(known, JavaSeq.of(FetchSongs.ARTIST_KEY, FetchSongs.TITLE_KEY), "left_anti")
          .write().parquet(staging + "/pending");
      Dataset<Row> pending = spark.read().parquet(staging + "/pending");
      long asked = pending.count();
      LongAccumulator requests = spark.sparkContext().longAccumulator("fetch-lyrics requests");
      List<String> batches = fetch(spark, config, pending, asked, tasks, cache, staging, runId, requests);

      Dataset<Row> failures = batches.isEmpty() ? spark.createDataFrame(List.of(), FetchPartition.RESULT)
          : spark.read().schema(FetchPartition.RESULT).parquet(batches.toArray(new String[0]))
              .where(not(col(LyricsCacheTable.STATUS).isin(Outcome.DEFINITIVE.toArray())));
      Dataset<Row> answers = cache.answers(provider.name(), FetchPartition.RESULT);
      FetchOutcomes.of(songs, answers, failures, runId).write().parquet(staging + "/outcomes");
      Dataset<Row> outcomes = spark.read().parquet(staging + "/outcomes");

      Map<String, Long> counts = counts(outcomes, asked, requests.value());
      Optional<String> lyricsColumn = FetchSongs.lyricsColumn(raw.schema(), config.input().columns());
      misses.replace(FetchOutcomes.misses(outcomes, runId, config.input().columns().id(raw.schema())));
      String catalogDir = out + "/" + FetchConfig.CATALOG_DIR;
      new OutputPublisher(files).publish(catalogDir, runId, dir -> FetchOutcomes.catalog(outcomes, raw.schema(),
          lyricsColumn).write().parquet(dir));
      double seconds = (System.nanoTime() - start) / 1e9;
      LOG.info("fetch-lyrics: {} rows read = {} had lyrics + {} fetched + {} cached + {} missed {}; {} songs asked "
          + "with {} requests; {} s", counts.get("read"), counts.get(Outcome.HAD_LYRICS), counts.get(Outcome.FETCHED),
          counts.get(Outcome.CACHED), counts.get(Outcome.MISSED), missedByReason(counts), asked,
          requests.value(), Phases.tenths(seconds));
      return new FetchResult(runId, counts, catalogDir, config.cachePath(), misses.path(), seconds);
    } finally {
      files.delete(stagingRoot);
    }
  }

  /** Asks the pending songs batch by batch; returns the staged answer files of every batch. */
  private static List<String> fetch(SparkSession spark, FetchConfig config, Dataset<Row> pending, long asked,
      int tasks, LyricsCacheTable cache, String staging, String runId, LongAccumulator requests) {
    int batches = (int) Math.min(100_000, (asked + config.songsPerBatch() - 1) / config.songsPerBatch());
    Politeness politeness = config.politeness(tasks);
    FetchPartition fetcher = new FetchPartition(config.provider(), politeness, runId, requests);
    List<String> done = new ArrayList<>();
    long started = System.nanoTime();
    for (int b = 0; b < batches; b++) {
      String path = staging + "/answers/batch-" + b;
      pending.where(pmod(xxhash64(col(FetchSongs.ARTIST_KEY), col(FetchSongs.TITLE_KEY)), lit(batches))
              .equalTo(b))
          .repartition(tasks)
          .mapPartitions(fetcher, Encoders.row(FetchPartition.RESULT))
          .write().parquet(path);
      cache.append(spark.read().schema(FetchPartition.RESULT).parquet(path), Outcome.DEFINITIVE);
      done.add(path);
      double seconds = (System.nanoTime() - started) / 1e9;
      LOG.info("fetch-lyrics: batch {}/{} in the cache; {} requests so far in {} s ({} requests/s, limit {})",
          b + 1, batches, requests.value(), Phases.tenths(seconds), Phases.tenths(requests.value() / Math.max(seconds, 1e-9)),
          Phases.tenths(config.requestsPerSecond()));
    }
    return done;
  }

  private static Dataset<Row> read(SparkSession spark, InputSpec input) {
    Dataset<Row> raw = new CatalogReader(spark).read(input.paths(), input.format(), input.read());
    return input.limit() > 0 ? raw.orderBy(col(CatalogReader.ROW_COLUMN)).limit(input.limit()) : raw;
  }

  /** Rows by outcome and miss reason, computed by Spark; fails when they do not add up to the rows read. */
  static Map<String, Long> counts(Dataset<Row> outcomes, long asked, long requests) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("read", 0L);
    Outcome.ALL.forEach(o -> counts.put(o, 0L));
    Map<String, Long> reasons = new LinkedHashMap<>();
    for (Row r : outcomes.groupBy(FetchOutcomes.OUTCOME, FetchOutcomes.REASON).count().collectAsList()) {
      String outcome = r.getString(0);
      counts.merge("read", r.getLong(2), Long::sum);
      counts.merge(outcome, r.getLong(2), Long::sum);
      if (Outcome.MISSED.equals(outcome)) {
        reasons.merge("missed_" + (r.isNullAt(1) ? "unknown" : r.getString(1)), r.getLong(2), Long::sum);
      }
    }
    new java.util.TreeMap<>(reasons).forEach(counts::put);
    counts.put("asked", asked);
    counts.put("requests", requests);
    long sum = Outcome.ALL.stream().mapToLong(counts::get).sum();
    if (sum != counts.get("read") || reasons.containsKey("missed_unknown")) {
      throw new IllegalStateException("fetch-lyrics outcomes do not add up: " + counts);
    }
    return counts;
  }

  private static Map<String, Long> missedByReason(Map<String, Long> counts) {
    Map<String, Long> m = new LinkedHashMap<>();
    counts.forEach((k, v) -> {
      if (k.startsWith("missed_")) {
        m.put(k.substring("missed_".length()), v);
      }
    });
    return m;
  }
}
