package dev.songmood.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.songmood.SampleModel;
import dev.songmood.SparkTestBase;
import dev.songmood.model.EmotionModel;
import dev.songmood.model.SongAnswers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code serve}'s readiness over real HTTP on loopback: 503 while loading and warming up, then 200; batch indexes. */
@Timeout(180)
class ReadinessTest extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SAD = "Cold rain on an empty street, I walk alone with tired feet, the letters burn, "
      + "the silence grows, and no one stays and no one knows";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(int port, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/predict"))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthIs503UntilTheModelIsLoadedAndWarmedUpThen200WithItsVersion() throws Exception {
    String modelDir = SampleModel.get().modelDir();
    try (PredictionServer server = PredictionServer.listen(new ServeConfig(modelDir, "127.0.0.1", 0))) {
      int port = server.port();
      HttpResponse<String> loading = get(port, "/health");
      assertEquals(503, loading.statusCode(), loading.body());
      assertEquals("loading", JSON.readTree(loading.body()).path("status").asText(), loading.body());
      assertEquals("1", loading.headers().firstValue("Retry-After").orElse(""), "a client knows when to ask again");
      HttpResponse<String> early = post(port, JSON.createObjectNode().put("id", "a").put("lyrics", SAD).toString());
      assertEquals(503, early.statusCode(), early.body());
      assertEquals("loading", JSON.readTree(early.body()).path("error").asText(), early.body());
      assertEquals(503, get(port, "/model").statusCode());

      // loaded, and the warm-up song held inside the model: still not ready
      EmotionModel model = EmotionModel.load(spark, modelDir);
      CountDownLatch warmUpStarted = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      AtomicInteger calls = new AtomicInteger();
      Function<List<String>, List<ObjectNode>> predictor = lines -> {
        if (calls.getAndIncrement() == 0) {
          assertTrue(lines.get(0).contains(ServeConfig.WARM_UP_LYRICS.substring(0, 20)), lines.get(0));
          warmUpStarted.countDown();
          try {
            assertTrue(release.await(60, TimeUnit.SECONDS));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return SongAnswers.predict(spark, model, lines);
      };
      CompletableFuture<Void> ready = CompletableFuture.runAsync(() -> server.ready(model, predictor));
      assertTrue(warmUpStarted.await(60, TimeUnit.SECONDS));
      assertEquals(503, get(port, "/health").statusCode(), "the model is loaded but not warmed up");
      assertFalse(server.isReady());
      release.countDown();
      ready.get(60, TimeUnit.SECONDS);

      HttpResponse<String> health = get(port, "/health");
      assertEquals(200, health.statusCode(), health.body());
      JsonNode body = JSON.readTree(health.body());
      assertEquals("ok", body.path("status").asText(), health.body());
      assertEquals(model.version(), body.path("model_version").asText(), health.body());
      assertEquals(1, calls.get(), "one warm-up song before any client");
      HttpResponse<String> answered = post(port, JSON.createObjectNode().put("id", "a").put("lyrics", SAD)
          .toString());
      assertEquals(200, answered.statusCode(), answered.body());
      assertEquals(model.version(), JSON.readTree(get(port, "/model").body()).path("model_version").asText());
    }
  }

  @Test
  void aBatchsErrorsCarryTheirIndexInTheArrayNotALine() throws Exception {
    String modelDir = SampleModel.get().modelDir();
    EmotionModel model = EmotionModel.load(spark, modelDir);
    try (PredictionServer server = PredictionServer.start(spark, model, new ServeConfig(modelDir, "127.0.0.1", 0))) {
      String batch = JSON.createArrayNode()
          .add(JSON.createObjectNode().put("id", "s1").put("lyrics", SAD))
          .add(JSON.createObjectNode().put("lyrics", SAD))
          .add(JSON.createObjectNode().put("id", "s3").put("lyrics", SAD))
          .add(JSON.createObjectNode().put("id", "short").put("lyrics", "la la")).toString();
      HttpResponse<String> answer = post(server.port(), batch);
      assertEquals(200, answer.statusCode(), answer.body());
      JsonNode items = JSON.readTree(answer.body());
      assertEquals(4, items.size(), answer.body());
      for (int i : new int[] {0, 2}) {
        assertTrue(items.get(i).has("quadrant") && !items.get(i).has("index"), answer.body());
      }
      assertEquals("missing_id", items.get(1).path("error").asText(), answer.body());
      assertEquals(1, items.get(1).path("index").asInt(-1), answer.body());
      assertTrue(items.get(1).path("detail").asText().contains("index 1"), answer.body());
      assertEquals("lyrics_too_short", items.get(3).path("error").asText(), answer.body());
      assertEquals(3, items.get(3).path("index").asInt(-1), answer.body());
      assertEquals("short", items.get(3).path("id").asText(), answer.body());
      for (JsonNode item : items) {
        assertFalse(item.has("line"), "no command-line word in HTTP: " + answer.body());
      }

      HttpResponse<String> single = post(server.port(), JSON.createObjectNode().put("lyrics", SAD).toString());
      assertEquals(422, single.statusCode(), single.body());
      JsonNode one = JSON.readTree(single.body());
      assertFalse(one.has("line") || one.has("index"), single.body());
      assertEquals("missing_id", one.path("error").asText(), single.body());
    }
  }
}
