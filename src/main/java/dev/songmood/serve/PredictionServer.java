package dev.songmood.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.songmood.label.PredictJob;
import dev.songmood.model.EmotionModel;
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
 * {@code GET /health}; {@code GET /model} (version, languages and metrics: {@link ModelSummary}, no paths);
 * {@code GET /metrics} (Prometheus text format: {@link ServeMetrics}).
 *
 * <p>Statuses: 200 with the prediction(s); for one song that cannot be classified, 422 with {@code error} (the
 * quarantine reason: {@code lyrics_too_short}, {@code missing_lyrics}...) and {@code detail}; in a batch such songs
 * carry their error in place and the batch is 200. 400 for a body that is not a JSON object or array of objects, or
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
  private final Function<List<String>, List<ObjectNode>> predictor;
  private final RequestBody bodies;
  private final Semaphore concurrent;
  private final Javalin app;
  private final AtomicLong requests = new AtomicLong();
  private final ServeMetrics metrics;

  private PredictionServer(EmotionModel model, ServeConfig config, Function<List<String>, List<ObjectNode>> predictor) {
    this.config = config;
    this.predictor = predictor;
    this.bodies = new RequestBody(config);
    this.concurrent = new Semaphore(config.maxConcurrent());
    this.metrics = new ServeMetrics(model.version());
    this.app = Javalin.create(c -> {
      c.showJavalinBanner = false;
      JettyLimits.apply(c, config);
    });
    app.get("/health", total(ctx -> ctx.contentType(APPLICATION_JSON).result("{\"status\":\"ok\"}")));
    app.get("/model", total(ctx -> ctx.contentType(APPLICATION_JSON)
        .result(JSON.writeValueAsString(ModelSummary.of(model, JSON)))));
    app.post("/predict", total(this::predict));
    app.get("/metrics", total(ctx -> ctx.contentType(ServeMetrics.CONTENT_TYPE).result(metrics.scrape())));
    app.before(metrics::arrived);
    app.after(metrics::answered);
    // what Javalin itself throws outside the handlers above
    app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), "bad_request", e.getMessage()));
    app.exception(Exception.class, (e, ctx) -> internalError(ctx, e));
  }

  /** Loads nothing: {@code model} is already loaded. Starts listening; {@link #port()} says where. */
  public static PredictionServer start(SparkSession spark, EmotionModel model, ServeConfig config) {
    return start(model, config, lines -> PredictJob.predict(spark, model, lines));
  }

  /** The same with the songs answered by {@code predictor} ({@link PredictJob#predict} for {@code serve}). */
  static PredictionServer start(EmotionModel model, ServeConfig config,
      Function<List<String>, List<ObjectNode>> predictor) {
    PredictionServer server = new PredictionServer(model, config, predictor);
    server.app.start();
    LOG.info("serve: model {} at http://{}:{}/predict (GET /health, GET /model, GET /metrics); bodies up to {} "
        + "bytes, batches up to {} songs, {} requests at once, {} connections, {} ms read timeout", model.version(),
        config.host(), server.port(), config.maxBodyBytes(), config.maxBatch(), config.maxConcurrent(),
        config.maxConnections(), config.readTimeoutMs());
    return server;
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
    if (!concurrent.tryAcquire()) {
      ctx.header("Retry-After", "1");
      throw new Rejection(503, "busy", config.maxConcurrent() + " requests are being answered already", true);
    }
    try {
      RequestBody.Songs songs = bodies.parse(bodies.read(ctx.req()));
      metrics.batch(songs.lines().size());
      long start = System.nanoTime();
      List<ObjectNode> results = predictor.apply(songs.lines());
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
