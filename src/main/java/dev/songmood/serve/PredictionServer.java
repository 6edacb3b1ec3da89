package dev.songmood.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.songmood.label.PredictJob;
import dev.songmood.model.EmotionModel;
import dev.songmood.songs.RecordScreen;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one loaded model over HTTP (Javalin on Jetty): {@code POST /predict} with one song ({@code {"id", "lyrics"}},
 * artist and title optional) or a JSON array of them, answered with the fields {@code predict} prints;
 * {@code GET /health}; {@code GET /model} (version and provenance summary).
 *
 * <p>Statuses: 200 with the prediction(s); for one song that cannot be classified, 422 with {@code error} (the
 * quarantine reason: {@code lyrics_too_short}, {@code missing_lyrics}...) and {@code detail}; in a batch such songs
 * carry their error in place and the batch is 200. 400 for a body that is not a JSON object or array of objects,
 * 413 for a body over the size limit or a batch over the song limit, 500 (with the error's first line) when the
 * model fails: every request is answered and none stops the server. Songs go through the model exactly as
 * {@code label} and {@code predict} run it (the same screen, the same stages), on the server's Spark session.
 */
public final class PredictionServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PredictionServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String APPLICATION_JSON = "application/json";

  private final SparkSession spark;
  private final EmotionModel model;
  private final ServeConfig config;
  private final Javalin app;
  private final AtomicLong requests = new AtomicLong();

  private PredictionServer(SparkSession spark, EmotionModel model, ServeConfig config) {
    this.spark = spark;
    this.model = model;
    this.config = config;
    this.app = Javalin.create(c -> {
      c.showJavalinBanner = false;
      c.http.maxRequestSize = config.maxBodyBytes();
    });
    app.get("/health", ctx -> ctx.contentType(APPLICATION_JSON).result("{\"status\":\"ok\"}"));
    app.get("/model", this::describe);
    app.post("/predict", this::predict);
    app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
        e.getStatus() == 413 ? "body_too_large" : "bad_request", e.getMessage()));
    app.exception(Exception.class, (e, ctx) -> {
      LOG.warn("serve: request failed", e);
      String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      error(ctx, 500, "internal_error", e.getClass().getSimpleName() + ": " + first);
    });
  }

  /** Loads nothing: {@code model} is already loaded. Starts listening; {@link #port()} says where. */
  public static PredictionServer start(SparkSession spark, EmotionModel model, ServeConfig config) {
    PredictionServer server = new PredictionServer(spark, model, config);
    server.app.start(config.host(), config.port());
    LOG.info("serve: model {} at http://{}:{}/predict (GET /health, GET /model); bodies up to {} bytes, batches up "
        + "to {} songs", model.version(), config.host(), server.port(), config.maxBodyBytes(), config.maxBatch());
    return server;
  }

  public int port() {
    return app.port();
  }

  private void describe(Context ctx) throws JsonProcessingException {
    ObjectNode node = JSON.createObjectNode();
    node.put("model_version", model.version());
    node.set("provenance", JSON.readTree(model.provenance().toJson()));
    ctx.contentType(APPLICATION_JSON).result(JSON.writeValueAsString(node));
  }

  private void predict(Context ctx) throws IOException {
    long n = requests.incrementAndGet();
    JsonNode body;
    try {
      body = JSON.readTree(ctx.bodyAsBytes());
    } catch (JsonProcessingException e) {
      error(ctx, 400, RecordScreen.MALFORMED, "the body is not JSON: " + e.getOriginalMessage());
      return;
    }
    List<String> lines = new ArrayList<>();
    boolean batch = body != null && body.isArray();
    for (JsonNode song : batch ? body : List.of(body == null ? JSON.nullNode() : body)) {
      if (!song.isObject()) {
        error(ctx, 400, RecordScreen.MALFORMED, "expected a JSON object {\"id\", \"lyrics\"} or an array of them");
        return;
      }
      lines.add(JSON.writeValueAsString(song));
    }
    if (lines.isEmpty()) {
      error(ctx, 400, RecordScreen.MALFORMED, "an empty batch");
      return;
    }
    if (lines.size() > config.maxBatch()) {
      error(ctx, 413, "batch_too_large", lines.size() + " songs, more than the limit of " + config.maxBatch());
      return;
    }
    long start = System.nanoTime();
    List<ObjectNode> results = PredictJob.predict(spark, model, lines);
    LOG.debug("serve: request {}: {} song(s) in {} ms", n, lines.size(), (System.nanoTime() - start) / 1_000_000);
    if (batch) {
      ArrayNode out = JSON.createArrayNode();
      results.forEach(out::add);
      ctx.contentType(APPLICATION_JSON).result(JSON.writeValueAsString(out));
    } else {
      ObjectNode result = results.get(0);
      ctx.status(result.has("error") ? 422 : 200).contentType(APPLICATION_JSON)
          .result(JSON.writeValueAsString(result));
    }
  }

  private static void error(Context ctx, int status, String reason, String detail) {
    ObjectNode node = JSON.createObjectNode().put("error", reason).put("detail", detail);
    ctx.status(status).contentType(APPLICATION_JSON).result(node.toString());
  }

  /** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM), then stops the server. */
  public void awaitShutdown() throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("serve: stopping after {} requests", requests.get());
      close();
      stopped.countDown();
    }, "songmood-serve-shutdown"));
    stopped.await();
  }

  @Override
  public void close() {
    app.stop();
  }
}
