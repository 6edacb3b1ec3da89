package dev.songmood.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.songmood.SparkTestBase;
import dev.songmood.model.Cascades;
import dev.songmood.model.EmotionModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /model} over real HTTP with the shipped model, which carries an encoder cascade: its threshold while
 * serve runs it, null with {@code --cascade off} (the model served without it), and what train measured either way.
 */
class CascadeSummaryTest extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode described(SparkSession spark, EmotionModel model) throws Exception {
    try (PredictionServer server = PredictionServer.start(spark, model,
        new ServeConfig("models/default", "127.0.0.1", 0))) {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.port() + "/model")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      return JSON.readTree(r.body()).path(Cascades.PROVENANCE_FIELD);
    }
  }

  @Test
  void getModelSaysWhetherTheCascadeRunsAndItsThreshold() throws Exception {
    EmotionModel shipped = EmotionModel.load(spark, "models/default");
    double threshold = shipped.cascade().orElseThrow(() -> new AssertionError("the shipped model has a cascade"))
        .getThreshold();
    Map<?, ?> saved = (Map<?, ?>) shipped.provenance().get(Cascades.PROVENANCE_FIELD);
    Map<?, ?> heldOut = (Map<?, ?>) saved.get("held_out");

    JsonNode on = described(spark, shipped);
    assertTrue(on.path("on").asBoolean(false), on.toString());
    assertEquals(threshold, on.path("threshold").asDouble(), on.toString());
    assertEquals(((Number) saved.get("threshold")).doubleValue(), on.path("saved_threshold").asDouble());
    assertEquals(((Number) heldOut.get("share_skipping_encoder")).doubleValue(),
        on.path("held_out").path("share_skipping_encoder").asDouble(), on.toString());
    assertEquals(2, on.path("held_out").path("difference_interval_95").size(), on.toString());
    assertFalse(on.path("held_out").has("on"), "numbers only: " + on);

    JsonNode off = described(spark, shipped.withoutCascade());
    assertFalse(off.path("on").asBoolean(true), off.toString());
    assertTrue(off.path("threshold").isNull(), off.toString());
    assertEquals(threshold, off.path("saved_threshold").asDouble(), "what the model was saved with: " + off);
  }
}
