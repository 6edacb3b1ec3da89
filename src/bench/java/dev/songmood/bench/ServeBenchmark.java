package dev.songmood.bench;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.songmood.encode.EncoderModel;
import dev.songmood.encode.SongEncoding;
import dev.songmood.input.Fields;
import dev.songmood.input.InputSpec;
import dev.songmood.io.HadoopFiles;
import dev.songmood.label.LabelConfig;
import dev.songmood.label.LabelJob;
import dev.songmood.label.LabelResult;
import dev.songmood.model.EmotionModel;
import dev.songmood.model.SongAnswers;
import dev.songmood.serve.PredictionServer;
import dev.songmood.serve.ServeConfig;
import dev.songmood.stages.EncoderCascade;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The prediction endpoint's speed: warm latency of one song per request (p50, p99, sequential), and songs/s with
 * batches of 32 from 1 and from 8 concurrent clients, against {@code predict} (PredictJob, the model already
 * loaded) and {@code label} (LabelJob, its label stage) on the same songs. Real HTTP over loopback, the server in
 * this JVM on {@code local[2]}. Then where one song's time goes: the model's encoder alone against the whole
 * in-memory {@code predict}, song by song.
 *
 * <pre>./bench.sh ServeBenchmark MODEL_DIR LYRICS_CSV N_SONGS</pre>
 *
 * e.g. {@code ./bench.sh ServeBenchmark models/default ../shared/data/muse_lyrics.csv 256}. The lyrics are read
 * from the CSV's {@code lyrics} column and never printed. One song per request is timed first for every song, with
 * the model's encoder cascade on and off where it has one (a cascade skips the encoder on the songs it is sure of,
 * so the mix matters): with {@code -Dsongmood.bench.split=test} the songs are the model's held-out ones, as
 * {@link CatalogBenchmark} draws them, since it is surer of songs it was fitted on.
 */
public final class ServeBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BATCH = 32;
  /** Requests before the timed ones: enough for the JIT to compile the request path (5 left it half-warm). */
  private static final int WARM_UP = 100;
  /** {@code -Dsongmood.bench.singles-only=true}: one song per request only (cascade on and off), nothing after. */
  static final String SINGLES_ONLY = "songmood.bench.singles-only";
  /** {@code -Dsongmood.bench.catalog-fields=true}: each request carries the song's artist and genre (the prior's). */
  static final String CATALOG_FIELDS = "songmood.bench.catalog-fields";

  private ServeBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: ServeBenchmark MODEL_DIR LYRICS_CSV N_SONGS");
      System.exit(2);
    }
    int n = Integer.parseInt(args[2]);
    SparkSession spark = BenchSession.local("serve-benchmark");
    List<String> songs = new ArrayList<>();
    boolean catalogFields = Boolean.getBoolean(CATALOG_FIELDS);
    for (Row r : CatalogBenchmark.songs(spark, args[0], args[1]).where(col(Fields.REJECT_REASON).isNull())
        .select(Fields.LYRICS, Fields.ARTIST, Fields.GENRE).where("length(lyrics) > 200").limit(n).collectAsList()) {
      ObjectNode song = JSON.createObjectNode().put("id", "b" + songs.size()).put("lyrics", r.getString(0));
      if (catalogFields) {
        song.put(Fields.ARTIST, r.getString(1)).put(Fields.GENRE, r.getString(2));
      }
      songs.add(song.toString());
    }
    System.out.printf("%d songs of more than 200 characters from %s, %s%n", songs.size(),
        System.getProperty(CatalogBenchmark.SPLIT_PROPERTY) == null ? "the whole file"
            : "the model's " + System.getProperty(CatalogBenchmark.SPLIT_PROPERTY) + " split",
        catalogFields ? "with their artist and genre" : "lyrics only");
    EmotionModel model = EmotionModel.load(spark, args[0]);
    if (model.cascade().isPresent()) {
      singles(spark, args[0], model, "cascade on", songs);
      singles(spark, args[0], model.withoutCascade(), "cascade off", songs);
    } else {
      singles(spark, args[0], model, "no cascade", songs);
    }
    if (Boolean.getBoolean(SINGLES_ONLY)) {
      spark.stop();
      return;
    }
    double[] batchRates = new double[2];
    try (PredictionServer server = PredictionServer.start(spark, model, new ServeConfig(args[0], "127.0.0.1", 0))) {
      URI uri = URI.create("http://127.0.0.1:" + server.port() + "/predict");
      HttpClient http = HttpClient.newHttpClient();
      for (int i = 0; i < WARM_UP; i++) {
        send(http, uri, songs.get(i % songs.size()));
      }
      List<String> batches = new ArrayList<>();
      for (int from = 0; from + BATCH <= songs.size(); from += BATCH) {
        ArrayNode batch = JSON.createArrayNode();
        for (String s : songs.subList(from, from + BATCH)) {
          batch.add(JSON.readTree(s));
        }
        batches.add(batch.toString());
      }
      // One batch untimed too: a batch's single-threaded encoder sessions are opened by the first batch.
      send(http, uri, batches.get(0));
      int[] clientCounts = {1, 8};
      for (int c = 0; c < clientCounts.length; c++) {
        int clients = clientCounts[c];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (String b : batches) {
          done.add(pool.submit(() -> send(http, uri, b)));
        }
        for (Future<?> f : done) {
          f.get();
        }
        double s = (System.nanoTime() - t) / 1e9;
        pool.shutdown();
        batchRates[c] = batches.size() * BATCH / s;
        System.out.printf("batches of %d, %d client(s): %d songs in %.1f s, %.1f songs/s%n", BATCH, clients,
            batches.size() * BATCH, s, batchRates[c]);
      }
    }
    oneSongBreakdown(spark, model, songs.subList(0, Math.min(songs.size(), 100)));
    long t = System.nanoTime();
    for (int from = 0; from + BATCH <= songs.size(); from += BATCH) {
      SongAnswers.predict(spark, model, songs.subList(from, from + BATCH));
    }
    double s = (System.nanoTime() - t) / 1e9;
    int count = songs.size() / BATCH * BATCH;
    System.out.printf("predict (PredictJob, model loaded), blocks of %d: %d songs in %.1f s, %.1f songs/s%n", BATCH,
        count, s, count / s);
    double label = labelRate(spark, args[0], songs);
    System.out.printf("batches reach %.0f%% (1 client) and %.0f%% (8 clients) of label's songs/s%n",
        100 * batchRates[0] / label, 100 * batchRates[1] / label);
    spark.stop();
  }

  /**
   * One song per request, sequential, every song once after {@link #WARM_UP} requests: p50 / p95 / p99 over all of
   * them, and over those the cascade labelled without the encoder ({@code cascade_path} cheap) and with it.
   */
  private static void singles(SparkSession spark, String modelDir, EmotionModel model, String mode,
      List<String> songs) throws Exception {
    List<Double> all = new ArrayList<>();
    List<Double> cheap = new ArrayList<>();
    List<Double> full = new ArrayList<>();
    try (PredictionServer server = PredictionServer.start(spark, model, new ServeConfig(modelDir, "127.0.0.1", 0))) {
      URI uri = URI.create("http://127.0.0.1:" + server.port() + "/predict");
      HttpClient http = HttpClient.newHttpClient();
      for (int i = 0; i < WARM_UP; i++) {
        send(http, uri, songs.get(i % songs.size()));
      }
      for (String song : songs) {
        long t = System.nanoTime();
        String answer = send(http, uri, song);
        double ms = (System.nanoTime() - t) / 1e6;
        all.add(ms);
        (EncoderCascade.CHEAP.equals(JSON.readTree(answer).path(Fields.CASCADE_PATH).asText()) ? cheap : full).add(ms);
      }
    }
    System.out.printf(Locale.ROOT, "one song per request, %s, %d requests: %s; %d labelled without the encoder "
        + "(%.1f%%): %s; with it: %s%n", mode, all.size(), percentiles(all), cheap.size(),
        100.0 * cheap.size() / all.size(), percentiles(cheap), percentiles(full));
  }

  private static String percentiles(List<Double> ms) {
    if (ms.isEmpty()) {
      return "-";
    }
    double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    return String.format(Locale.ROOT, "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms", sorted[n / 2],
        sorted[Math.min(n - 1, (int) Math.ceil(n * 0.95) - 1)], sorted[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)]);
  }

  /**
   * Where one song's time goes, in this JVM with no HTTP: the model's frozen encoder alone (its chunking, the
   * driver's thread count) and the whole in-memory {@code predict}, song by song in turns so that both see the same
   * machine; two passes, the first to warm up.
   */
  @SuppressWarnings("unchecked")
  private static void oneSongBreakdown(SparkSession spark, EmotionModel model, List<String> lines) throws Exception {
    if (!(model.provenance().get("encoder") instanceof Map<?, ?> enc) || !(enc.get("model") instanceof String id)) {
      System.out.println("one song in memory: the model has no frozen encoder; breakdown skipped");
      return;
    }
    Map<String, Object> e = (Map<String, Object>) enc;
    SongEncoding encoding = SongEncoding.open(EncoderModel.parse(id), Runtime.getRuntime().availableProcessors(),
        false, null);
    int n = lines.size();
    double[] encoder = new double[n];
    double[] predict = new double[n];
    double[] rest = new double[n];
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < n; i++) {
        String lyrics = JSON.readTree(lines.get(i)).get("lyrics").asText();
        long t0 = System.nanoTime();
        encoding.encodeSongs(List.of(lyrics), ((Number) e.get("chunk_tokens")).intValue(),
            ((Number) e.get("chunk_overlap")).intValue(), (String) e.get("song_pooling"), 1);
        long t1 = System.nanoTime();
        SongAnswers.predict(spark, model, List.of(lines.get(i)));
        long t2 = System.nanoTime();
        encoder[i] = (t1 - t0) / 1e6;
        predict[i] = (t2 - t1) / 1e6;
        rest[i] = predict[i] - encoder[i];
      }
    }
    Arrays.sort(encoder);
    Arrays.sort(predict);
    Arrays.sort(rest);
    System.out.printf("one song in memory, %d songs: %s encoder alone p50 %.1f ms; whole predict p50 %.1f ms; "
        + "predict less encoder, song by song, p50 %.1f ms%n", n, id, encoder[n / 2], predict[n / 2], rest[n / 2]);
  }

  /**
   * {@code label}'s songs/s on the same songs: LabelJob over them as a JSON-lines catalog in a scratch folder
   * (deleted after), after a warm-up run on one batch; the rate of its label stage, from the runs table.
   */
  private static double labelRate(SparkSession spark, String modelDir, List<String> lines) throws IOException {
    Path dir = Files.createTempDirectory("serve-benchmark-label");
    try {
      Path warm = Files.write(dir.resolve("warm.jsonl"), lines.subList(0, Math.min(lines.size(), BATCH)));
      LabelJob.run(spark, new LabelConfig(modelDir, InputSpec.of(warm.toString()), dir + "/warm"));
      Path catalog = Files.write(dir.resolve("songs.jsonl"), lines);
      LabelResult result = LabelJob.run(spark, new LabelConfig(modelDir, InputSpec.of(catalog.toString()),
          dir + "/label"));
      Row run = spark.read().format("delta").load(result.runsDir()).select("labelled", "seconds_by_stage",
          "songs_per_second").first();
      System.out.printf("label (LabelJob on the same songs as a catalog): %d songs in its label stage in %.1f s, "
          + "%.1f songs/s%n", run.getLong(0), run.<String, Double>getJavaMap(1).get("label"), run.getDouble(2));
      return run.getDouble(2);
    } finally {
      new HadoopFiles(spark).delete(dir.toString());
    }
  }

  private static String send(HttpClient http, URI uri, String body) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200 && r.statusCode() != 422) {
        throw new IllegalStateException("HTTP " + r.statusCode());
      }
      return r.body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
