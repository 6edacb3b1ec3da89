package dev.songmood.serve;

import io.javalin.http.Context;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * {@code GET /metrics}: what {@code serve} has answered, in Prometheus' text format, with Prometheus' own Java client
 * (a registry of this server's, not the JVM-wide default). Requests and errors (status 400 and over) by path and
 * status, request latency and batch sizes as histograms, and {@code songmood_serve_model_info} naming the model
 * version; every series also carries {@code model_version}, so a dashboard tells two models apart during a rollout.
 * Paths other than the server's own are counted as {@code other} (a scanner's paths must not grow the series).
 */
final class ServeMetrics {
  static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;
  private static final String START = "songmood.start";
  private static final Set<String> PATHS = Set.of("/predict", "/health", "/model", "/metrics");

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final Counter requests;
  private final Counter errors;
  private final Histogram latency;
  private final Histogram batchSizes;

  ServeMetrics(String modelVersion) {
    Labels model = Labels.of("model_version", modelVersion);
    requests = Counter.builder().name("songmood_serve_requests_total").help("HTTP requests answered, by path and "
        + "status").constLabels(model).labelNames("path", "status").register(registry);
    errors = Counter.builder().name("songmood_serve_errors_total").help("HTTP requests answered with a status of "
        + "400 or more, by path and status").constLabels(model).labelNames("path", "status").register(registry);
    latency = Histogram.builder().name("songmood_serve_request_duration_seconds").help("time from the request's "
        + "arrival to its answer, by path").unit(Unit.SECONDS).constLabels(model).labelNames("path").classicOnly()
        .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10).register(registry);
    batchSizes = Histogram.builder().name("songmood_serve_batch_songs").help("songs per POST /predict (1 for a "
        + "single song)").constLabels(model).classicOnly()
        .classicUpperBounds(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000).register(registry);
    Info info = Info.builder().name("songmood_serve_model_info").help("the model this server answers with")
        .labelNames("version").register(registry);
    info.addLabelValues(modelVersion);
  }

  /** Before every request: when it arrived. */
  void arrived(Context ctx) {
    ctx.attribute(START, System.nanoTime());
  }

  /** After every request, whatever its answer: counted by path and status, its time observed. */
  void answered(Context ctx) {
    String path = PATHS.contains(ctx.path()) ? ctx.path() : "other";
    String status = String.valueOf(ctx.statusCode());
    requests.labelValues(path, status).inc();
    if (ctx.statusCode() >= 400) {
      errors.labelValues(path, status).inc();
    }
    Long start = ctx.attribute(START);
    if (start != null) {
      latency.labelValues(path).observe((System.nanoTime() - start) / 1e9);
    }
  }

  void batch(int songs) {
    batchSizes.observe(songs);
  }

  /** The text a scrape gets. */
  String scrape() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(out, registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }
}
