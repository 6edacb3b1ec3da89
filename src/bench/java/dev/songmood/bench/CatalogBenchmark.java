package dev.songmood.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;

import dev.songmood.input.Fields;
import dev.songmood.input.InputSpec;
import dev.songmood.label.LabelConfig;
import dev.songmood.label.LabelJob;
import dev.songmood.label.LabelResult;
import dev.songmood.model.EmotionModel;
import dev.songmood.model.Provenance;
import dev.songmood.songs.CatalogSongs;
import dev.songmood.songs.GroundTruthSpec;
import dev.songmood.songs.LabelledSongs;
import dev.songmood.songs.SongSplits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The nightly labelling benchmark: for each N, builds a catalog of N songs by replicating real lyrics with new ids
 * (and their artist and genre), labels it on a fresh set of tables (night 1), changes the lyrics of 1% of the songs
 * and labels again (night 2). Each N runs in its own JVM, so memory figures are that N's alone; a warm-up run of 50
 * songs first loads the model and the encoder (its time is printed apart, as the fixed cost of a run).
 *
 * <p>Prints per N: night-1 seconds, songs/s, milliseconds per song, night-2 seconds and its share of night 1, the
 * peak RSS of the JVM (driver and executor in one, local mode), Spark's peak executor heap (JVMHeapMemory), the
 * largest heap left live after a garbage collection, and core-hours per million songs (night 1 x cores / N).
 *
 * <p>Usage: {@code CatalogBenchmark MODEL_DIR LYRICS (csv/json/parquet) WORK_DIR N[,N...]}; from the repository
 * root (bench.sh builds first when needed and runs it with the Java 17 flags and the job's classpath):
 * <pre>{@code
 * ./bench.sh -Xmx4g CatalogBenchmark models/default ../shared/data/muse_lyrics.csv target/catalog-bench \
 *     1000,10000,50000
 * }</pre>
 * Spark settings: conf/spark-defaults.conf and conf/local.conf as submit.sh passes them, overridden by
 * {@code -Dspark.*} system properties given to bench.sh before the name (default local[2]). The lyrics are read at
 * run time and the built catalogs are written only under the work directory given, which may be on s3a:// (the S3
 * settings as {@code -Dspark.hadoop.*} properties, the keys from the environment: README, "s3a:// paths"), to compare
 * labelling from and to S3 with local disk on the same catalog. With {@code -Dsongmood.bench.split=test} the
 * catalogs are built from the songs of the model's held-out split only (by the split rule its provenance records):
 * lyrics the model never saw, as a catalog's new songs are, for a model whose cost depends on how sure it is.
 */
public final class CatalogBenchmark {
  static final double CHANGED = 0.01;
  static final int WARM_UP = 50;
  /** {@code -Dsongmood.bench.split=test}: build the catalogs from the model's held-out split only. */
  static final String SPLIT_PROPERTY = "songmood.bench.split";

  private CatalogBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length >= 1 && args[0].equals("--one")) {
      one(args[1], args[2], args[3], Integer.parseInt(args[4]));
      return;
    }
    if (args.length < 4) {
      System.err.println("usage: CatalogBenchmark MODEL_DIR LYRICS (csv/json/parquet) WORK_DIR N[,N...]");
      System.exit(2);
    }
    List<Map<String, Double>> results = new ArrayList<>();
    for (String n : args[3].split(",")) {
      results.add(fork(args[0], args[1], args[2], Integer.parseInt(n.trim())));
    }
    print(results);
  }

  /** Runs one N in a child JVM with this JVM's flags and classpath; returns its RESULT line's figures. */
  private static Map<String, Double> fork(String model, String lyrics, String work, int n) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(CatalogBenchmark.class.getName());
    cmd.addAll(List.of("--one", model, lyrics, work, String.valueOf(n)));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Map<String, Double> result = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        System.out.println(line);
        if (line.startsWith("RESULT ")) {
          result = new LinkedHashMap<>();
          for (String kv : line.substring(7).split(" ")) {
            String[] parts = kv.split("=");
            result.put(parts[0], Double.parseDouble(parts[1]));
          }
        }
      }
    }
    if (p.waitFor() != 0 || result == null) {
      throw new IllegalStateException("the run for N=" + n + " failed (exit " + p.exitValue() + ")");
    }
    return result;
  }

  private static void one(String model, String lyrics, String work, int n) throws Exception {
    SparkSession spark = BenchSession.local("songmood-catalog-benchmark");
    int cores = spark.sparkContext().defaultParallelism();
    String dir = work + "/n" + n;
    deleteRecursively(spark, dir);
    String night1 = dir + "/catalog-night1";
    String night2 = dir + "/catalog-night2";
    buildCatalogs(spark, model, lyrics, n, night1, night2);
    HeapWatch watch = HeapWatch.start();

    long t = System.nanoTime();
    LabelJob.run(spark, new LabelConfig(model, new InputSpec(List.of(night1), dev.songmood.input.InputFormat.AUTO,
        dev.songmood.input.Columns.defaults(), WARM_UP), dir + "/warm-up"));
    double warmUp = (System.nanoTime() - t) / 1e9;

    LabelResult first = LabelJob.run(spark, new LabelConfig(model, InputSpec.of(night1), dir + "/tables"));
    LabelResult second = LabelJob.run(spark, new LabelConfig(model, InputSpec.of(night2), dir + "/tables"));
    watch.stop();

    Map<String, Double> r = new LinkedHashMap<>();
    r.put("n", (double) n);
    r.put("cores", (double) cores);
    r.put("warm_up_s", warmUp);
    r.put("night1_s", first.seconds());
    r.put("night1_labelled", first.counts().get("labelled").doubleValue());
    r.put("night2_s", second.seconds());
    r.put("night2_labelled", second.counts().get("labelled").doubleValue());
    r.put("night2_unchanged", second.counts().get("unchanged").doubleValue());
    r.put("rss_mib", peakRssMiB());
    r.put("spark_heap_mib", sparkPeakHeapMiB(spark));
    r.put("live_heap_mib", watch.maxLiveAfterGc() / 1048576.0);
    StringBuilder line = new StringBuilder("RESULT");
    r.forEach((k, v) -> line.append(' ').append(k).append('=').append(String.format(Locale.ROOT, "%.3f", v)));
    System.out.println(line);
    spark.stop();
  }

  /**
   * The songs of {@code lyricsPath} as a catalog; with {@code -Dsongmood.bench.split=S} only those of the model's
   * split S (by the split rule its provenance records): for {@code test}, lyrics it never saw.
   */
  static Dataset<Row> songs(SparkSession spark, String model, String lyricsPath) {
    String split = System.getProperty(SPLIT_PROPERTY);
    if (split == null) {
      return CatalogSongs.read(spark, InputSpec.of(lyricsPath));
    }
    SongSplits.Rule rule = SongSplits.Rule.of(Provenance.fromJson(new dev.songmood.io.HadoopFiles(spark)
        .readText(model + "/" + EmotionModel.PROVENANCE_FILE)).get("splits")).orElseThrow(
            () -> new IllegalArgumentException(model + " records no split rule for -D" + SPLIT_PROPERTY));
    return LabelledSongs.split(SongSplits.assign(LabelledSongs.labelled(spark, InputSpec.of(lyricsPath),
        GroundTruthSpec.parse("model", null)), rule), split);
  }

  /**
   * Night 1: N songs, song i taking the lyrics, artist and genre of source song i mod M, id "bench-i". Night 2: the
   * same with 1% of the songs' lyrics changed (one line added). Both as Parquet in several files.
   */
  static void buildCatalogs(SparkSession spark, String model, String lyricsPath, int n, String night1,
      String night2) {
    Dataset<Row> source = songs(spark, model, lyricsPath).where(col(Fields.REJECT_REASON).isNull())
        .select(col(Fields.ARTIST), col(Fields.GENRE), col(Fields.LYRICS));
    List<Row> rows = source.collectAsList();
    int m = rows.size();
    Dataset<Row> indexed = spark.createDataFrame(
        java.util.stream.IntStream.range(0, m).mapToObj(i -> org.apache.spark.sql.RowFactory.create((long) i,
            rows.get(i).get(0), rows.get(i).get(1), rows.get(i).get(2))).toList(),
        new org.apache.spark.sql.types.StructType().add("k", "long").add("artist", "string").add("genre", "string")
            .add("lyrics", "string"));
    int files = Math.max(2, n / 5000);
    Dataset<Row> catalog = spark.range(n).withColumn("k", pmod(col("id"), lit(m)))
        .join(org.apache.spark.sql.functions.broadcast(indexed), "k")
        .select(format_string("bench-%08d", col("id")).as("id"), col("artist"), col("genre"), col("lyrics"),
            col("id").as("n"));
    catalog.drop("n").repartition(files).write().mode(SaveMode.Overwrite).parquet(night1);
    int every = (int) Math.round(1 / CHANGED);
    spark.read().parquet(night1)
        .withColumn("lyrics", when(pmod(org.apache.spark.sql.functions.hash(col("id")), lit(every)).equalTo(0),
            concat(col("lyrics"), lit("\none more line, sung live tonight"))).otherwise(col("lyrics")))
        .repartition(files).write().mode(SaveMode.Overwrite).parquet(night2);
    System.err.printf("catalogs of %d songs from %d source lyrics under %s%n", n, m, night1);
  }

  private static double peakRssMiB() {
    long kb = dev.songmood.runtime.ProcessMemory.statusKb("VmHWM");
    return kb < 0 ? Double.NaN : kb / 1024.0;
  }

  /** Spark's own peak JVM heap of the executors (in local mode, the one JVM), from the status store. */
  private static double sparkPeakHeapMiB(SparkSession spark) {
    double max = 0;
    var executors = scala.collection.JavaConverters.seqAsJavaList(
        spark.sparkContext().statusStore().executorList(true));
    for (var e : executors) {
      if (e.peakMemoryMetrics().isDefined()) {
        max = Math.max(max, e.peakMemoryMetrics().get().getMetricValue("JVMHeapMemory"));
      }
    }
    return max / 1048576.0;
  }

  private static void print(List<Map<String, Double>> results) {
    System.out.println();
    System.out.println("| songs | night 1 s | songs/s | ms/song | vs smallest N | night 2 s (1% changed) | night 2 / "
        + "night 1 | peak RSS MiB | Spark peak heap MiB | live heap after GC MiB | core-hours per 1M songs | "
        + "warm-up s |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    double base = results.get(0).get("night1_s") / results.get(0).get("n");
    for (Map<String, Double> r : results) {
      double n = r.get("n");
      double perSong = r.get("night1_s") / n;
      System.out.printf(Locale.ROOT, "| %,.0f | %.1f | %.1f | %.2f | %+.1f%% | %.1f | %.1f%% | %.0f | %.0f | %.0f | "
              + "%.2f | %.1f |%n", n, r.get("night1_s"), n / r.get("night1_s"), perSong * 1000,
          (perSong / base - 1) * 100, r.get("night2_s"), 100 * r.get("night2_s") / r.get("night1_s"),
          r.get("rss_mib"), r.get("spark_heap_mib"), r.get("live_heap_mib"),
          r.get("night1_s") * r.get("cores") / n * 1e6 / 3600, r.get("warm_up_s"));
    }
  }

  /** Through Hadoop's file system, so a work directory on s3a:// is emptied as one on local disk. */
  private static void deleteRecursively(SparkSession spark, String dir) throws IOException {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(dir);
    p.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(p, true);
  }

  /** Polls the heap pools' usage after the last collection: the most data the run kept live at once. */
  static final class HeapWatch {
    private final AtomicLong max = new AtomicLong();
    private volatile boolean running = true;
    private Thread thread;

    static HeapWatch start() {
      HeapWatch w = new HeapWatch();
      w.thread = new Thread(() -> {
        while (w.running) {
          long live = 0;
          for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
              live += pool.getCollectionUsage().getUsed();
            }
          }
          w.max.accumulateAndGet(live, Math::max);
          try {
            Thread.sleep(200);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "heap-watch");
      w.thread.setDaemon(true);
      w.thread.start();
      return w;
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join();
    }

    long maxLiveAfterGc() {
      return max.get();
    }
  }
}
