package dev.songmood.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.songmood.SampleModel;
import dev.songmood.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictJobTest extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void oneJsonLinePerInputLineInOrder() throws Exception {
    String song = "tears fall in the cold grey rain, I walk alone and say goodbye, the empty room remembers you";
    List<String> in = List.of(
        "{\"id\": \"s1\", \"lyrics\": \"" + song + "\"}",
        "{\"lyrics\": \"" + song + " again\"}",
        "not json",
        "{\"id\": \"tiny\", \"lyrics\": \"oh\"}");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<String> out = PredictJob.run(spark, SampleModel.get().modelDir(), in, new PrintStream(bytes, true));
    assertEquals(4, out.size());
    assertEquals(out, bytes.toString().lines().toList(), "printed as returned");

    JsonNode first = JSON.readTree(out.get(0));
    assertEquals("s1", first.get("id").asText());
    int q = first.get("quadrant").asInt();
    assertEquals("Q" + (q + 1), first.get("quadrant_name").asText());
    double sum = 0;
    double max = 0;
    for (String name : List.of("Q1", "Q2", "Q3", "Q4")) {
      double p = first.get("probabilities").get(name).asDouble();
      sum += p;
      max = Math.max(max, p);
    }
    assertEquals(1.0, sum, 1e-9);
    assertEquals(max, first.get("confidence").asDouble(), 1e-12);
    assertEquals(first.get("probabilities").get("Q" + (q + 1)).asDouble(), max, 1e-12);
    assertTrue(first.get("model_version").asText().startsWith("tfidf-logreg-"));

    assertEquals("2", JSON.readTree(out.get(1)).get("id").asText(), "a line without id gets its line number");
    assertFalse(JSON.readTree(out.get(1)).has("error"));
    assertEquals("malformed_row", JSON.readTree(out.get(2)).get("error").asText());
    assertEquals("lyrics_too_short", JSON.readTree(out.get(3)).get("error").asText());
    assertEquals("tiny", JSON.readTree(out.get(3)).get("id").asText());
  }
}
