package dev.songmood.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.songmood.model.EmotionModel;
import dev.songmood.model.SongAnswers;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one loaded model over HTTP (Javalin on Jetty): {@code POST /predict} with one song ({@code {"id", "lyrics"}},
 * artist and title optional) or a JSON array of them, answered with the fields {@code predict} prints;
 * {@code GET /health}; {@code GET /model} (version, languages and metrics: {@link ModelSummary}, no paths; and
 * {@code min_confidence}, the threshold under which answers say {@code "uncertain": true}, null for none).
 *
 * <p>Readiness: the server listens first ({@link #listen}) and answers 503 ({@code /health}:
 * {@code {"status":"loading"}}, the other routes {@code loading}, with {@code Retry-After}) until the model is loaded
 * and one warm-up song has gone through it ({@link #ready}); then {@code /health} is 200 with the model version, and
 * the first client's request costs no more than the next ones.
 * {@code GET /metrics} (Prometheus text format: {@link ServeMetrics}, from the moment the model is ready).
 *
 * <p>Statuses: 200 with the prediction(s); for one song that cannot be classified, 422 with {@code error} (the
 * quarantine reason: {@code lyrics_too_short}, {@code missing_lyrics}...) and {@code detail}; in a batch such songs
 * carry their error in place, with their 0-based {@code index} in the array, and the batch is 200. 400 for a body that is not a JSON object or array of objects, or
 * is over a JSON bound ({@code json_limit}: depth, string length, fields per song); 413 for a body over the size
 * limit (however it is sent: the rest is left unread and the connection closed) or a batch over the song limit;
 * 408 for a body that comes too slowly; 503 ({@code busy}) when {@code maxConcurrent} requests are already being
 * read or answered; 500 ({@code internal_error}, with the class and first line of what was thrown, an
 * {@link Error} too) when the model fails: every request is answered with a JSON body and none stops the server.
 * The limits are {@link ServeConfig}'s. Songs go through the model exactly as {@code label} and {@code predict} run
 * it (the same screen, the same stages), on the server's Spark session.
 */
public final class PredictionServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PredictionServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String APPLICATION_JSON = "application/json";

  private final ServeConfig config;
  /** The model and what answers with it, once warmed up; null while loading. */
  private volatile Ready ready;
  private final RequestBody bodies;
  private final Semaphore concurrent;
  private final Javalin app;
  private final AtomicLong requests = new AtomicLong();
  /** Made with the model's version when the model is ready; null until then. */
  private volatile ServeMetrics metrics;

  private record Ready(EmotionModel model, Function<List<String>, List<ObjectNode>> predictor) {
  }

  private PredictionServer(ServeConfig config) {
    this.config = config;
    this.bodies = new RequestBody(config);
    this.concurrent = new Semaphore(config.maxConcurrent());
    this.app = Javalin.create(c -> {
      c.showJavalinBanner = false;
      JettyLimits.apply(c, config);
    });
    app.get("/health", total(this::health));
    app.get("/model", total(ctx -> ctx.contentType(APPLICATION_JSON)
        .result(JSON.writeValueAsString(ModelSummary.of(loaded(ctx, false).model(), JSON).put("min_confidence",
            config.minConfidence())))));
    app.post("/predict", total(this::predict));
    app.get("/metrics", total(ctx -> {
      loaded(ctx, false);
      ctx.contentType(ServeMetrics.CONTENT_TYPE).result(metrics.scrape());
    }));
    app.before(ctx -> {
      ServeMetrics m = metrics;
      if (m != null) {
        m.arrived(ctx);
      }
    });
    app.after(ctx -> {
      ServeMetrics m = metrics;
      if (m != null) {
        m.answered(ctx);
      }
    });
    // what Javalin itself throws outside the handlers above
    app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), "bad_request", e.getMessage()));
    app.exception(Exception.class, (e, ctx) -> internalError(ctx, e));
  }

  /** Starts listening at once, answering 503 until {@link #ready}; {@link #port()} says where. */
  public static PredictionServer listen(ServeConfig config) {
    PredictionServer server = new PredictionServer(config);
    server.app.start();
    LOG.info("serve: listening at http://{}:{}/predict (GET /health: 503 until the model is loaded and warmed up, "
        + "GET /model, GET /metrics); bodies up to {} bytes, batches up to {} songs, {} requests at once, {} connections, {} ms "
        + "read timeout", config.host(), server.port(), config.maxBodyBytes(), config.maxBatch(),
        config.maxConcurrent(), config.maxConnections(), config.readTimeoutMs());
    return server;
  }

  /** Loads nothing: {@code model} is already loaded. Listens, warms up and is ready when this returns. */
  public static PredictionServer start(SparkSession spark, EmotionModel model, ServeConfig config) {
    return start(model, config, lines -> SongAnswers.predict(spark, model, lines, config.minConfidence()));
  }

  /** The same with the songs answered by {@code predictor} ({@link SongAnswers#predict} for {@code serve}). */
  static PredictionServer start(EmotionModel model, ServeConfig config,
      Function<List<String>, List<ObjectNode>> predictor) {
    PredictionServer server = listen(config);
    try {
      server.ready(model, predictor);
      return server;
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
  }

  /** Serves {@code model} on the session: {@link #ready(EmotionModel, Function)} with {@link SongAnswers#predict}. */
  public void ready(SparkSession spark, EmotionModel model) {
    ready(model, lines -> SongAnswers.predict(spark, model, lines, config.minConfidence()));
  }

  /**
   * Sends one warm-up song ({@link ServeConfig#WARM_UP_LYRICS}) through {@code predictor}, then answers with it:
   * {@code /health} turns 200. A model that fails on the warm-up song throws here, never ready.
   */
  void ready(EmotionModel model, Function<List<String>, List<ObjectNode>> predictor) {
    long start = System.nanoTime();
    ObjectNode warm = predictor.apply(List.of(JSON.createObjectNode().put("id", "warm-up")
        .put("lyrics", ServeConfig.WARM_UP_LYRICS).toString())).get(0);
    if (warm.has("error")) {
      LOG.warn("serve: the warm-up song was not classified ({}: {}); the model is served all the same",
          warm.path("error").asText(), warm.path("detail").asText());
    }
    metrics = new ServeMetrics(model.version());
    ready = new Ready(model, predictor);
    LOG.info("serve: ready: model {}, warmed up in {} ms", model.version(), (System.nanoTime() - start) / 1_000_000);
  }

  /** Whether {@code /health} answers 200. */
  public boolean isReady() {
    return ready != null;
  }

  private void health(Context ctx) throws IOException {
    Ready r = ready;
    if (r == null) {
      ctx.status(503).header("Retry-After", "1").contentType(APPLICATION_JSON).result("{\"status\":\"loading\"}");
      return;
    }
    ctx.contentType(APPLICATION_JSON).result(JSON.writeValueAsString(JSON.createObjectNode().put("status", "ok")
        .put("model_version", r.model().version())));
  }

  /**
   * The model and its predictor, or a 503 {@code loading} while there is none yet ({@code close}: with the
   * connection closed, the body unread).
   */
  private Ready loaded(Context ctx, boolean close) throws Rejection {
    Ready r = ready;
    if (r == null) {
      ctx.header("Retry-After", "1");
      throw new Rejection(503, "loading", "the model is loading: GET /health answers 200 when it is ready", close);
    }
    return r;
  }

  public int port() {
    return app.port();
  }

  /** {@code handler}, answering whatever it throws with a JSON body: a {@link Rejection}'s, or 500. */
  private static Handler total(Handler handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (Rejection r) {
        if (r.close) {
          answerAndClose(ctx, r);
        } else {
          error(ctx, r.status, r.reason, r.getMessage());
        }
      } catch (Throwable t) {  // an Error too (a stack overflow in a stage): the request is answered all the same
        internalError(ctx, t);
      }
    };
  }

  private void predict(Context ctx) throws Rejection, IOException {
    long n = requests.incrementAndGet();
    Ready r = loaded(ctx, true);
    if (!concurrent.tryAcquire()) {
      ctx.header("Retry-After", "1");
      throw new Rejection(503, "busy", config.maxConcurrent() + " requests are being answered already", true);
    }
    try {
      RequestBody.Songs songs = bodies.parse(bodies.read(ctx.req()));
      metrics.batch(songs.lines().size());
      long start = System.nanoTime();
      List<ObjectNode> results = BatchErrors.positioned(r.predictor().apply(songs.lines()), songs.batch());
      LOG.debug("serve: request {}: {} song(s) in {} ms", n, songs.lines().size(),
          (System.nanoTime() - start) / 1_000_000);
      if (songs.batch()) {
        ArrayNode out = JSON.createArrayNode();
        results.forEach(out::add);
        ctx.contentType(APPLICATION_JSON).result(JSON.writeValueAsString(out));
      } else {
        ObjectNode result = results.get(0);
        ctx.status(result.has("error") ? 422 : 200).contentType(APPLICATION_JSON)
            .result(JSON.writeValueAsString(result));
      }
    } finally {
      concurrent.release();
    }
  }

  /**
   * Sends {@code r}'s answer now and closes the connection, the rest of the body unread. Left to itself, Jetty would
   * read and discard the rest to keep the connection (for as long as a fast client keeps sending) before answering.
   */
  private static void answerAndClose(Context ctx, Rejection r) throws IOException {
    byte[] body = JSON.createObjectNode().put("error", r.reason).put("detail", r.getMessage()).toString()
        .getBytes(StandardCharsets.UTF_8);
    HttpServletResponse res = ctx.res();
    res.setStatus(r.status);
    res.setContentType(APPLICATION_JSON);
    res.setHeader("Connection", "close");
    res.setContentLength(body.length);
    res.getOutputStream().write(body);
    res.flushBuffer();
    Request.getBaseRequest(ctx.req()).getHttpChannel().abort(new IOException(r.status + " " + r.reason));
  }

  private static void internalError(Context ctx, Throwable t) {
    LOG.warn("serve: request failed", t);
    String first = t.getMessage() == null ? "" : t.getMessage().lines().findFirst().orElse("");
    error(ctx, 500, "internal_error", t.getClass().getName() + (first.isEmpty() ? "" : ": " + first));
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
