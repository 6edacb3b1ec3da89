package dev.songmood.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.songmood.SampleModel;
import dev.songmood.SparkTestBase;
import dev.songmood.label.PredictJob;
import dev.songmood.model.EmotionModel;
import dev.songmood.model.SongAnswers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The endpoint over real HTTP on loopback: what it answers, and that no request stops it. */
class PredictionServerTest extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HAPPY = "We dance all night under golden lights, hearts alive and shining bright, jump "
      + "and shout, the summer is ours tonight, singing loud through morning light";
  private static final String SAD = "Cold rain on an empty street, I walk alone with tired feet, the letters burn, "
      + "the silence grows, and no one stays and no one knows";

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> post(int port, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/predict"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void answersOneSongAndABatchAsPredictDoesAndSurvivesBadRequests() throws Exception {
    String modelDir = SampleModel.get().modelDir();
    EmotionModel model = EmotionModel.load(spark, modelDir);
    try (PredictionServer server = PredictionServer.start(spark, model,
        new ServeConfig(modelDir, "127.0.0.1", 0, 4096, 3))) {
      int port = server.port();
      assertEquals("ok", JSON.readTree(get(port, "/health").body()).path("status").asText());
      JsonNode described = JSON.readTree(get(port, "/model").body());
      assertEquals(model.version(), described.path("model_version").asText());
      JsonNode coverage = described.path("provenance").path("coverage");
      assertEquals("validation", coverage.path("split").asText(), described.toString());
      assertEquals(5, coverage.path("rows").size(), described.toString());
      assertEquals(1.0, coverage.path("rows").get(4).path("coverage").asDouble());
      assertTrue(coverage.path("rows").get(0).has("threshold") && coverage.path("rows").get(0).has("macro_f1"));
      assertTrue(described.path("min_confidence").isNull(), "no threshold: " + described);
      assertFalse(described.path("cascade").path("on").asBoolean(true), "a model without a cascade: " + described);
      assertTrue(described.path("cascade").path("threshold").isNull(), described.toString());

      String one = JSON.createObjectNode().put("id", "h1").put("lyrics", HAPPY).toString();
      HttpResponse<String> single = post(port, one);
      assertEquals(200, single.statusCode(), single.body());
      ByteArrayOutputStream cli = new ByteArrayOutputStream();
      List<String> expected = PredictJob.run(spark, modelDir, List.of(one), null, new PrintStream(cli, true));
      assertEquals(JSON.readTree(expected.get(0)), JSON.readTree(single.body()), "the same fields as predict");
      assertFalse(JSON.readTree(single.body()).path("uncertain").asBoolean(true), single.body());

      String batch = JSON.createArrayNode().add(JSON.readTree(one))
          .add(JSON.createObjectNode().put("id", "s1").put("lyrics", SAD))
          .add(JSON.createObjectNode().put("id", "short").put("lyrics", "la la")).toString();
      HttpResponse<String> many = post(port, batch);
      assertEquals(200, many.statusCode(), many.body());
      JsonNode results = JSON.readTree(many.body());
      assertEquals(3, results.size());
      assertEquals("h1", results.get(0).path("id").asText());
      assertTrue(results.get(1).has("quadrant") && results.get(1).has("probabilities"), many.body());
      assertEquals("lyrics_too_short", results.get(2).path("error").asText(), many.body());

      HttpResponse<String> tooShort = post(port, "{\"id\": \"x\", \"lyrics\": \"la la\"}");
      assertEquals(422, tooShort.statusCode());
      assertEquals("lyrics_too_short", JSON.readTree(tooShort.body()).path("error").asText());
      HttpResponse<String> notJson = post(port, "{\"id\": \"x\", \"lyr");
      assertEquals(400, notJson.statusCode());
      assertEquals("malformed_row", JSON.readTree(notJson.body()).path("error").asText());
      assertEquals(400, post(port, "[1, 2]").statusCode());
      assertEquals(400, post(port, "[]").statusCode());
      HttpResponse<String> tooMany = post(port, "[" + String.join(",", one, one, one, one) + "]");
      assertEquals(413, tooMany.statusCode(), tooMany.body());
      HttpResponse<String> tooBig = post(port, "{\"id\": \"big\", \"lyrics\": \"" + "la ".repeat(3000) + "\"}");
      assertEquals(413, tooBig.statusCode(), tooBig.body());
      assertEquals("body_too_large", JSON.readTree(tooBig.body()).path("error").asText(), tooBig.body());

      HttpResponse<String> after = post(port, one);
      assertEquals(200, after.statusCode(), "still serving after bad requests: " + after.body());
    }
  }

  @Test
  void songsBelowTheServersThresholdAnswerUncertain() throws Exception {
    String modelDir = SampleModel.get().modelDir();
    EmotionModel model = EmotionModel.load(spark, modelDir);
    String one = JSON.createObjectNode().put("id", "h1").put("lyrics", HAPPY).toString();
    double confidence = JSON.readTree(SongAnswers.predict(spark, model, List.of(one)).get(0).toString())
        .get("confidence").asDouble();
    for (double threshold : new double[] {confidence, confidence + 1e-9}) {
      try (PredictionServer server = PredictionServer.start(spark, model,
          new ServeConfig(modelDir, "127.0.0.1", 0).withMinConfidence(threshold))) {
        JsonNode answer = JSON.readTree(post(server.port(), one).body());
        assertEquals(confidence, answer.path("confidence").asDouble(), 1e-12);
        assertEquals(threshold > confidence, answer.path("uncertain").asBoolean(), answer.toString());
        assertEquals(threshold, JSON.readTree(get(server.port(), "/model").body()).path("min_confidence")
            .asDouble(), 1e-12);
      }
    }
  }
}
