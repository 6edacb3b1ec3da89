package dev.songmood.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SampleModel;
import dev.songmood.SparkTestBase;
import dev.songmood.model.EmotionModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} scraped with a real HTTP client on loopback: the requests just made, counted as answered. */
class ServeMetricsTest extends SparkTestBase {
  private static final String SONG = "{\"id\": \"h1\", \"lyrics\": \"We dance all night under golden lights, hearts "
      + "alive and shining bright, jump and shout, the summer is ours tonight, singing loud through morning light\"}";

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> send(int port, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (body != null) {
      b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The value of the series {@code name} whose labels include {@code labels}; fails when there is none. */
  private static double value(String text, String name, Map<String, String> labels) {
    for (String line : text.split("\n")) {
      if (line.startsWith(name + "{") && labels.entrySet().stream()
          .allMatch(e -> line.contains(e.getKey() + "=\"" + e.getValue() + "\""))) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError("no " + name + " " + labels + " in\n" + text);
  }

  @Test
  void countsRequestsErrorsLatencyAndBatchesByStatusWithTheModelVersion() throws Exception {
    String modelDir = SampleModel.get().modelDir();
    EmotionModel model = EmotionModel.load(spark, modelDir);
    try (PredictionServer server = PredictionServer.start(spark, model,
        new ServeConfig(modelDir, "127.0.0.1", 0, 4096, 5))) {
      int port = server.port();
      assertEquals(200, send(port, "/predict", SONG).statusCode());
      assertEquals(200, send(port, "/predict", "[" + SONG + "," + SONG + "," + SONG + "]").statusCode());
      assertEquals(422, send(port, "/predict", "{\"id\": \"x\", \"lyrics\": \"la la\"}").statusCode());
      assertEquals(400, send(port, "/predict", "{\"id\": \"x\", \"lyr").statusCode());
      assertEquals(404, send(port, "/no-such-path", null).statusCode());

      HttpResponse<String> scraped = send(port, "/metrics", null);
      assertEquals(200, scraped.statusCode());
      assertTrue(scraped.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
          scraped.headers().toString());
      String text = scraped.body();
      String v = model.version();
      assertEquals(2.0, value(text, "songmood_serve_requests_total",
          Map.of("model_version", v, "path", "/predict", "status", "200")));
      assertEquals(1.0, value(text, "songmood_serve_requests_total", Map.of("path", "/predict", "status", "422")));
      assertEquals(1.0, value(text, "songmood_serve_errors_total", Map.of("path", "/predict", "status", "422")));
      assertEquals(1.0, value(text, "songmood_serve_errors_total", Map.of("path", "/predict", "status", "400")));
      assertEquals(1.0, value(text, "songmood_serve_errors_total", Map.of("path", "other", "status", "404")));
      assertEquals(4.0, value(text, "songmood_serve_request_duration_seconds_count", Map.of("path", "/predict")));
      assertTrue(value(text, "songmood_serve_request_duration_seconds_sum", Map.of("path", "/predict")) > 0);
      // the malformed body never became a batch: 1 + 3 + 1 songs in three batches
      assertEquals(3.0, value(text, "songmood_serve_batch_songs_count", Map.of("model_version", v)));
      assertEquals(5.0, value(text, "songmood_serve_batch_songs_sum", Map.of()));
      assertEquals(2.0, value(text, "songmood_serve_batch_songs_bucket", Map.of("le", "1.0")));
      assertEquals(3.0, value(text, "songmood_serve_batch_songs_bucket", Map.of("le", "5.0")));
      assertEquals(1.0, value(text, "songmood_serve_model_info", Map.of("version", v)));

      String again = send(port, "/metrics", null).body();
      assertEquals(1.0, value(again, "songmood_serve_requests_total", Map.of("path", "/metrics", "status", "200")),
          "a scrape is counted once answered");
    }
  }
}
