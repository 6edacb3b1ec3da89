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

    JsonNode noId = JSON.readTree(out.get(1));
    assertEquals("missing_id", noId.get("error").asText(), "a line without id is an error, not a made-up id");
    assertEquals(2, noId.get("line").asInt());
    assertFalse(noId.has("id"));
    assertEquals("malformed_row", JSON.readTree(out.get(2)).get("error").asText());
    assertEquals(3, JSON.readTree(out.get(2)).get("line").asInt());
    assertEquals("lyrics_too_short", JSON.readTree(out.get(3)).get("error").asText());
    assertEquals("tiny", JSON.readTree(out.get(3)).get("id").asText());
  }

  @Test
  void strictMakesAFailedLineExitOne() {
    String song = "tears fall in the cold grey rain, I walk alone and say goodbye, the empty room remembers you";
    String lines = "{\"id\": \"s1\", \"lyrics\": \"" + song + "\"}\n{\"lyrics\": \"no id\"}\n";
    for (boolean strict : new boolean[] {false, true}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      List<String> args = new java.util.ArrayList<>(List.of("predict", "--model", SampleModel.get().modelDir()));
      if (strict) {
        args.add("--strict");
      }
      int code = dev.songmood.cli.Main.run(args.toArray(new String[0]),
          new java.io.ByteArrayInputStream(lines.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
          new PrintStream(out, true), new PrintStream(err, true), () -> spark);
      assertEquals(strict ? 1 : 0, code, err.toString());
      assertEquals(2, out.toString().lines().count(), "every line answered either way");
      if (strict) {
        assertTrue(err.toString().contains("1 of 2 line(s) could not be classified"), err.toString());
      }
    }
  }
}
