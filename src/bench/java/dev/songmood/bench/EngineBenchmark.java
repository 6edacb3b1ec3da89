package dev.songmood.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.trim;

import ai.djl.engine.Engine;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.johnsnowlabs.nlp.DocumentAssembler;
import com.johnsnowlabs.nlp.EmbeddingsFinisher;
import com.johnsnowlabs.nlp.embeddings.E5Embeddings;
import dev.songmood.encode.Chunker.Chunk;
import dev.songmood.encode.Chunker;
import dev.songmood.encode.EncoderModel;
import dev.songmood.encode.OnnxEncoder;
import dev.songmood.encode.SongEncoding;
import dev.songmood.encode.sparknlp.SparkNlpEmbeddings;
import dev.songmood.stages.LyricsEncoder;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Compares the two encoder engines on real lyrics, on local[2] with one ONNX Runtime thread per task. The DJL engines
 * all run the product's own encoder, {@link OnnxEncoder} (ONNX Runtime on DJL's environment, HuggingFace tokenizer,
 * masked pooling; loaded once per JVM and shared by its threads): this class has no ONNX session or pooling of its
 * own, so it measures the code that labels catalogs.
 * <ol>
 *   <li>{@code djl-raw}: {@link OnnxEncoder#encode} called directly, outside Spark, one thread, batches of 8: the
 *       ceiling per core; {@code djl-raw-b1}: the same one text at a time, the reference that Spark NLP at batch 1
 *       must match (int8 encoders quantise activations per batch, so their vectors depend a little on the batch);
 *       {@code djl-raw-cores}: one thread per core, each encoding its slice of the texts with
 *       {@link SongEncoding#encodeSongs} (the call the stage makes) on the JVM's one encoder, as an executor's tasks
 *       share it: the machine's ceiling, which the Spark engines are measured against;</li>
 *   <li>{@code djl-spark}: the product's stage, {@link LyricsEncoder}, over 2 partitions ({@code mapPartitions}, the
 *       encoder loaded once per executor JVM);</li>
 *   <li>{@code sparknlp}: {@link SparkNlpEmbeddings} over the same 2 partitions (batch 1 for mean-pooled encoders,
 *       the only size that gives right vectors in Spark NLP 5.5.3; 8 for bge);</li>
 *   <li>{@code sparknlp-b8}: Spark NLP at batch 8 for mean-pooled encoders, to show its speed and its drift.</li>
 * </ol>
 * Each text is a lyric's first lines up to {@value #TOKEN_BUDGET} WordPiece tokens, so that every engine sees the
 * same single-chunk text; Spark NLP gets it behind the model's text prefix (e5's "query: "), as the product's Spark
 * NLP path gives it, since the product's encoder adds that prefix itself. It prints texts per second (after a
 * warm-up; the first call is shown apart: it includes loading the model, for the DJL engines only in the first of
 * them, as they share the JVM's one encoder), the peak RSS (VmHWM, reset before each engine through
 * /proc/self/clear_refs) and the peak heap of each engine, and the cosine between each engine's vectors and djl-raw's
 * and djl-raw-b1's. In one JVM, an engine's peak RSS includes what earlier engines left resident: run one engine per
 * JVM (last argument) for clean memory figures.
 *
 * <p>Usage: {@code EngineBenchmark MODEL_ID CSV N [CACHE_DIR] [ENGINES]}; from the repository root (bench.sh builds
 * first when needed and runs it with the Java 17 flags and the job's classpath):
 * <pre>{@code
 * ./bench.sh EngineBenchmark all-minilm-l6-v2-q ../shared/data/muse_lyrics.csv 500 target/sparknlp-cache \
 *     djl-raw,sparknlp
 * }</pre>
 * Spark settings come from {@code -Dspark.*} system properties given to bench.sh before the name; unset ones default
 * to a local[2] session with one Spark NLP ONNX thread per task. The lyrics are read at run time only: nothing of them
 * is written anywhere.
 */
public final class EngineBenchmark {
  static final int BATCH = 8;
  /**
   * Batch of the DJL engines that are compared with each other (djl-raw-cores, djl-spark: the stage's batchSize):
   * -Dsongmood.bench.batch. {@link SongEncoding} encodes int8 models one chunk per call whatever it is.
   */
  static final int DJL_BATCH = Integer.getInteger("songmood.bench.batch", BATCH);
  static final int TOKEN_BUDGET = 200;
  static final int WARM_UP_TEXTS = 16;
  static final List<String> ENGINES = List.of("djl-raw", "djl-raw-b1", "djl-raw-cores", "djl-spark", "sparknlp",
      "sparknlp-b8");

  private EngineBenchmark() {}

  /** What to run. */
  public record Config(String modelId, String csv, int n, String cacheDir, List<String> engines) {}

  /** One engine's throughput and memory. */
  public record EngineResult(String engine, String setup, int texts, Timing timing) {
    public double perSecond() {
      return texts / timing.seconds();
    }
  }

  /** Cosine between two engines' vectors of the same texts (equal to the dot product after L2 normalisation). */
  public record Agreement(double mean, double min) {
    static Agreement of(float[][] a, float[][] b) {
      double sum = 0;
      double min = 1;
      for (int i = 0; i < a.length; i++) {
        double c = cosine(a[i], b[i]);
        sum += c;
        min = Math.min(min, c);
      }
      return new Agreement(sum / a.length, min);
    }
  }

  /** Every engine's result and every pair's agreement, with the input's token statistics. */
  public record Report(Config config, int texts, double meanTokens, int maxTokens, List<EngineResult> rows,
      Map<String, Agreement> agreement) {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3 || args.length > 5) {
      System.err.println("usage: EngineBenchmark MODEL_ID CSV N [CACHE_DIR] [ENGINES: " + String.join(",", ENGINES)
          + "]");
      System.exit(2);
    }
    List<String> engines = args.length > 4 ? Arrays.asList(args[4].split(",")) : ENGINES;
    for (String e : engines) {
      if (!ENGINES.contains(e)) {
        System.err.println("unknown engine " + e + "; known: " + ENGINES);
        System.exit(2);
      }
    }
    EncoderModel.parse(args[0]); // fails early on an unknown id
    Config config = new Config(args[0], args[1], Integer.parseInt(args[2]),
        args.length > 3 ? args[3] : "target/sparknlp-cache", engines);
    print(run(config));
  }

  public static Report run(Config config) throws Exception {
    // DJL's ONNX Runtime environment must exist before Spark NLP creates one, even when no DJL engine runs first
    Engine.getEngine("OnnxRuntime");
    EncoderModel model = EncoderModel.parse(config.modelId());
    EncoderModel encoder = model;
    SparkSession spark = session();
    Chunker chunker = Chunker.forModel(model);
    int budget = chunker.maxBudget(); // every text fits in one chunk
    List<String> texts;
    int[] tokens;
    try (HuggingFaceTokenizer tokenizer = chunker.tokenizer()) {
      texts = readTexts(spark, config.csv(), config.n(), tokenizer);
      tokens = texts.stream().mapToInt(t -> tokenizer.encode(t, true, false).getIds().length).toArray();
    }

    List<EngineResult> rows = new ArrayList<>();
    Map<String, float[][]> vectors = new LinkedHashMap<>();
    for (int batch : new int[] {BATCH, 1}) {
      String engine = batch == 1 ? "djl-raw-b1" : "djl-raw";
      if (config.engines().contains(engine)) {
        Timing m = measure(() -> encodeRaw(model, texts.subList(0, WARM_UP_TEXTS), batch),
            () -> vectors.put(engine, encodeRaw(model, texts, batch)));
        rows.add(new EngineResult(engine, "outside Spark, 1 thread, batch " + batch, texts.size(), m));
      }
    }
    String songBatch = model.quantized() ? "1 (int8)" : String.valueOf(DJL_BATCH);
    if (config.engines().contains("djl-raw-cores")) {
      int cores = Runtime.getRuntime().availableProcessors();
      Timing m = measure(() -> encodeOnAllCores(model, texts.subList(0, WARM_UP_TEXTS), budget, cores),
          () -> vectors.put("djl-raw-cores", encodeOnAllCores(model, texts, budget, cores)));
      rows.add(new EngineResult("djl-raw-cores", "outside Spark, " + cores + " threads, 1 encoder, batch "
          + songBatch + " (the machine's ceiling)", texts.size(), m));
    }
    Dataset<Row> input = inputFrame(spark, texts);
    Dataset<Row> warmUp = inputFrame(spark, texts.subList(0, WARM_UP_TEXTS));
    if (config.engines().contains("djl-spark")) {
      Timing m = measure(() -> collect(djlInSpark(warmUp, model, budget), WARM_UP_TEXTS),
          () -> vectors.put("djl-spark", collect(djlInSpark(input, model, budget), texts.size())));
      rows.add(new EngineResult("djl-spark", "LyricsEncoder, 2 partitions, batch " + songBatch, texts.size(), m));
    }
    List<String> prefixed = texts.stream().map(t -> model.textPrefix() + t).toList();
    Dataset<Row> sparkNlpInput = model.textPrefix().isEmpty() ? input : inputFrame(spark, prefixed);
    Dataset<Row> sparkNlpWarmUp = model.textPrefix().isEmpty() ? warmUp
        : inputFrame(spark, prefixed.subList(0, WARM_UP_TEXTS));
    if (config.engines().contains("sparknlp")) {
      int batch = encoder.pooling() == EncoderModel.Pooling.MEAN ? 1 : BATCH;
      PipelineModel[] pipeline = new PipelineModel[1];
      Timing m = measure(() -> {
        pipeline[0] = SparkNlpEmbeddings.pipeline(spark, encoder.id(), config.cacheDir(), batch);
        return collect(pipeline[0].transform(sparkNlpWarmUp), WARM_UP_TEXTS);
      }, () -> vectors.put("sparknlp", collect(pipeline[0].transform(sparkNlpInput), texts.size())));
      rows.add(new EngineResult("sparknlp", "2 partitions, batch " + batch, texts.size(), m));
    }
    if (config.engines().contains("sparknlp-b8") && encoder.pooling() == EncoderModel.Pooling.MEAN) {
      PipelineModel[] pipeline = new PipelineModel[1];
      Timing m = measure(() -> {
        pipeline[0] = paddedSparkNlp(spark, encoder, config.cacheDir());
        return collect(pipeline[0].transform(sparkNlpWarmUp), WARM_UP_TEXTS);
      }, () -> vectors.put("sparknlp-b8", collect(pipeline[0].transform(sparkNlpInput), texts.size())));
      rows.add(new EngineResult("sparknlp-b8", "2 partitions, batch " + BATCH + " (wrong pooling)", texts.size(), m));
    }
    Map<String, Agreement> agreement = new LinkedHashMap<>();
    if (vectors.containsKey("djl-raw") && vectors.containsKey("djl-raw-b1")) {
      agreement.put("djl-raw vs djl-raw-b1", Agreement.of(vectors.get("djl-raw"), vectors.get("djl-raw-b1")));
    }
    for (String reference : List.of("djl-raw", "djl-raw-b1")) {
      if (vectors.containsKey(reference)) {
        vectors.forEach((engine, v) -> {
          if (!engine.startsWith("djl-raw")) {
            agreement.put(engine + " vs " + reference, Agreement.of(v, vectors.get(reference)));
          }
        });
      }
    }
    spark.stop();
    return new Report(config, texts.size(), Arrays.stream(tokens).average().orElse(0),
        Arrays.stream(tokens).max().orElse(0), rows, agreement);
  }

  // --- input ---------------------------------------------------------------------------------------------------

  private static SparkSession session() {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("spark.master", "local[2]");
    defaults.put("spark.app.name", "songmood-engine-benchmark");
    defaults.put("spark.driver.host", "127.0.0.1");
    defaults.put("spark.driver.bindAddress", "127.0.0.1");
    defaults.put("spark.ui.enabled", "false");
    defaults.put("spark.sql.shuffle.partitions", "2");
    defaults.put(SparkNlpEmbeddings.INTRA_OP_THREADS_CONF, "1");
    SparkSession.Builder builder = SparkSession.builder();
    defaults.forEach((k, v) -> {
      if (System.getProperty(k) == null) {
        builder.config(k, v);
      }
    });
    return builder.getOrCreate();
  }

  /** The first n non-blank lyrics of the CSV, each cut to its first lines that fit the token budget. */
  static List<String> readTexts(SparkSession spark, String csv, int n, HuggingFaceTokenizer tokenizer) {
    List<Row> lyrics = spark.read()
        .option("header", true).option("multiLine", true).option("escape", "\"")
        .csv(csv)
        .select("lyrics")
        .where(col("lyrics").isNotNull().and(length(trim(col("lyrics"))).gt(0)))
        .limit(n)
        .collectAsList();
    List<String> texts = new ArrayList<>();
    for (Row r : lyrics) {
      String text = firstLines(r.getString(0), tokenizer, TOKEN_BUDGET);
      if (!text.isBlank()) {
        texts.add(text);
      }
    }
    if (texts.size() < WARM_UP_TEXTS) {
      throw new IllegalArgumentException("need at least " + WARM_UP_TEXTS + " lyrics in " + csv + ", found "
          + texts.size());
    }
    return texts;
  }

  /** Whole non-blank lines while they fit the budget; a first line longer than the budget is cut by words. */
  static String firstLines(String lyric, HuggingFaceTokenizer tokenizer, int budget) {
    StringBuilder out = new StringBuilder();
    int used = 0;
    for (String line : lyric.split("\\R")) {
      String l = line.strip();
      if (l.isEmpty()) {
        continue;
      }
      int n = tokenizer.encode(l, false, false).getIds().length;
      if (used + n > budget) {
        if (used == 0) {
          StringBuilder words = new StringBuilder();
          for (String w : l.split("\\s+")) {
            String next = words.length() == 0 ? w : words + " " + w;
            if (tokenizer.encode(next, false, false).getIds().length > budget) {
              break;
            }
            words.setLength(0);
            words.append(next);
          }
          return words.toString();
        }
        break;
      }
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(l);
      used += n;
    }
    return out.toString();
  }

  private static Dataset<Row> inputFrame(SparkSession spark, List<String> texts) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      rows.add(RowFactory.create(i, texts.get(i)));
    }
    StructType schema = new StructType().add("idx", DataTypes.IntegerType).add("text", DataTypes.StringType);
    // contiguous halves: the same 2 partitions for every engine
    return spark.createDataFrame(new JavaSparkContext(spark.sparkContext()).parallelize(rows, 2), schema);
  }

  // --- engines -------------------------------------------------------------------------------------------------

  /** djl-raw: the product's encoder called directly on this thread, at this batch size, one chunk per text. */
  private static float[][] encodeRaw(EncoderModel model, List<String> texts, int batch) {
    OnnxEncoder encoder = OnnxEncoder.load(model, 1); // the JVM's one, loaded on first use
    Chunker chunker = encoder.chunker();
    List<Chunk> chunks = new ArrayList<>();
    for (String text : texts) {
      List<Chunk> cut = chunker.chunk(text, chunker.maxBudget(), 0);
      if (cut.size() != 1) {
        throw new IllegalStateException("a text cut to " + TOKEN_BUDGET + " tokens made " + cut.size() + " chunks");
      }
      chunks.add(cut.get(0));
    }
    return encoder.encode(chunks, batch);
  }

  /** djl-spark: the product's stage, reading the text column and writing {@code embedding} vectors. */
  private static Dataset<Row> djlInSpark(Dataset<Row> input, EncoderModel model, int budget) {
    return new LyricsEncoder().setModel(model.id()).setInputCol("text").setChunkTokens(budget)
        .setBatchSize(DJL_BATCH).transform(input);
  }

  /** Spark NLP at batch 8 for a mean-pooled encoder, which {@link SparkNlpEmbeddings} refuses (wrong pooling). */
  private static PipelineModel paddedSparkNlp(SparkSession spark, EncoderModel encoder, String cacheDir) {
    String saved = SparkNlpEmbeddings.importedEncoder(spark, encoder.id(), cacheDir);
    Set<File> before = sparkNlpTempFolders();
    E5Embeddings e5 = (E5Embeddings) E5Embeddings.read().load(saved);
    // Spark NLP never deletes the two ONNX copies a load leaves in java.io.tmpdir: delete ours at exit
    Set<File> leftBehind = sparkNlpTempFolders();
    leftBehind.removeAll(before);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> leftBehind.forEach(EngineBenchmark::deleteFolder)));
    e5.setBatchSize(BATCH);
    e5.setInputCols(new String[] {"document"});
    e5.setOutputCol("sentence_embeddings");
    DocumentAssembler document = new DocumentAssembler().setInputCol("text");
    document.setOutputCol("document");
    EmbeddingsFinisher finisher = new EmbeddingsFinisher().setInputCols(new String[] {"sentence_embeddings"})
        .setOutputCols(new String[] {"vectors"}).setOutputAsVector(true).setCleanAnnotations(true);
    return new Pipeline().setStages(new PipelineStage[] {document, e5, finisher})
        .fit(spark.createDataFrame(List.of(), new StructType().add("text", DataTypes.StringType)));
  }

  private static Set<File> sparkNlpTempFolders() {
    File[] files = new File(System.getProperty("java.io.tmpdir")).listFiles(
        f -> f.isDirectory() && f.getName().matches("[0-9a-f]{12}_\\w*onnx\\d+"));
    return files == null ? new HashSet<>() : new HashSet<>(Arrays.asList(files));
  }

  private static void deleteFolder(File folder) {
    File[] files = folder.listFiles();
    if (files != null) {
      for (File f : files) {
        f.delete();
      }
    }
    folder.delete();
  }

  /** The vectors of a transformed frame in idx order: a vector, an array of floats, or a one-vector array. */
  private static float[][] collect(Dataset<Row> out, int n) {
    String column = Set.of(out.columns()).contains("embedding") ? "embedding" : "vectors";
    float[][] v = new float[n][];
    for (Row r : out.select("idx", column).collectAsList()) {
      Object value = r.get(1);
      if (!(value instanceof Vector)) {
        List<Object> list = r.getList(1);
        value = list.get(0) instanceof Vector ? list.get(0) : list;
      }
      float[] f;
      if (value instanceof Vector) {
        double[] d = ((Vector) value).toArray();
        f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
          f[i] = (float) d[i];
        }
      } else {
        List<?> list = (List<?>) value;
        f = new float[list.size()];
        for (int i = 0; i < f.length; i++) {
          f[i] = (Float) list.get(i);
        }
      }
      v[r.getInt(0)] = f;
    }
    for (int i = 0; i < n; i++) {
      if (v[i] == null) {
        throw new IllegalStateException("no vector for text " + i);
      }
    }
    return v;
  }

  /**
   * The texts cut into one contiguous slice per core, each encoded on its own thread by the call the stage makes
   * ({@link SongEncoding#encodeSongs}) with the JVM's one encoder and one ONNX Runtime thread per call, as an
   * executor's tasks share it. A slice is one call, where the stage calls per block of songs: the same at batch 1;
   * at a larger batch its length-sorted batches pad a little less than the stage's.
   */
  static float[][] encodeOnAllCores(EncoderModel model, List<String> texts, int budget, int cores) throws Exception {
    SongEncoding encoding = SongEncoding.open(model, 1, false, null);
    float[][] out = new float[texts.size()][];
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(cores);
    try {
      List<java.util.concurrent.Future<?>> parts = new ArrayList<>();
      int slice = (texts.size() + cores - 1) / cores;
      for (int start = 0; start < texts.size(); start += slice) {
        final int from = start;
        final int to = Math.min(texts.size(), start + slice);
        parts.add(pool.submit(() -> {
          float[][] v = encoding.encodeSongs(texts.subList(from, to), budget, 0, "mean", DJL_BATCH);
          System.arraycopy(v, 0, out, from, v.length);
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> f : parts) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return out;
  }

  // --- measuring -----------------------------------------------------------------------------------------------

  /** First call (warm-up, with model loading) and measured run in seconds; memory peaks over both. */
  public record Timing(double coldSeconds, double seconds, long peakRssKb, long peakHeapBytes) {}

  /** Runs the warm-up (timed as the first call), then the measured run; memory peaks cover both. */
  private static Timing measure(Callable<?> warmUp, Callable<?> body) throws Exception {
    System.gc();
    resetPeakRss();
    HeapSampler heap = new HeapSampler();
    heap.start();
    try {
      long t0 = System.nanoTime();
      warmUp.call();
      long t1 = System.nanoTime();
      body.call();
      long t2 = System.nanoTime();
      return new Timing((t1 - t0) / 1e9, (t2 - t1) / 1e9, dev.songmood.runtime.ProcessMemory.statusKb("VmHWM"),
          heap.peak.get());
    } finally {
      heap.interrupt();
      heap.join();
    }
  }

  /** Samples the used heap every 10 ms (the peak between garbage collections). */
  private static final class HeapSampler extends Thread {
    final AtomicLong peak = new AtomicLong();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    HeapSampler() {
      super("heap-sampler");
      setDaemon(true);
    }

    @Override
    public void run() {
      while (!isInterrupted()) {
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** Writing 5 to clear_refs resets the process's peak RSS (VmHWM) to its current RSS (Linux 4.0+). */
  private static void resetPeakRss() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    } catch (IOException e) {
      // not Linux, or not allowed: the peak is then the process's since start
    }
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  private static void print(Report r) {
    System.out.printf(Locale.ROOT, "%nmodel %s, %d texts (first lines up to %d WordPiece tokens: mean %.0f, max %d "
        + "with [CLS]/[SEP]), %d cores, ONNX Runtime 1 intra-op thread per task%n%n", r.config().modelId(), r.texts(),
        TOKEN_BUDGET, r.meanTokens(), r.maxTokens(), Runtime.getRuntime().availableProcessors());
    System.out.printf(Locale.ROOT, "| %-13s | %-58s | %7s | %12s | %12s | %13s |%n", "engine", "setup", "texts/s",
        "first call s", "peak RSS MiB", "peak heap MiB");
    System.out.printf("|%s|%s|%s|%s|%s|%s|%n", "-".repeat(15), "-".repeat(60), "-".repeat(9), "-".repeat(14),
        "-".repeat(14), "-".repeat(15));
    for (EngineResult row : r.rows()) {
      Timing t = row.timing();
      System.out.printf(Locale.ROOT, "| %-13s | %-58s | %7.1f | %12.1f | %12d | %13d |%n", row.engine(), row.setup(),
          row.perSecond(), t.coldSeconds(), t.peakRssKb() / 1024, t.peakHeapBytes() >> 20);
    }
    r.rows().stream().filter(c -> c.engine().equals("djl-raw-cores")).findFirst().ifPresent(ceiling -> {
      System.out.println();
      for (EngineResult row : r.rows()) {
        if (!row.engine().startsWith("djl-raw")) {
          System.out.printf(Locale.ROOT, "%s reaches %.0f%% of the ceiling (djl-raw-cores)%n", row.engine(),
              100 * row.perSecond() / ceiling.perSecond());
        }
      }
    });
    System.out.printf("%n| %-28s | %13s | %13s |%n", "agreement", "mean cosine", "min cosine");
    System.out.printf("|%s|%s|%s|%n", "-".repeat(30), "-".repeat(15), "-".repeat(15));
    r.agreement().forEach((pair, a) -> System.out.printf(Locale.ROOT, "| %-28s | %13.5f | %13.5f |%n", pair,
        a.mean(), a.min()));
  }
}
