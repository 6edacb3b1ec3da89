package dev.songmood.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.songmood.SparkTestBase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * {@code playlist} through the command line on hand-placed songs (P2 = P4 = 0, so a song sits at (P1 - P3, P1 - P3)
 * with confidence max(P1, P3)), with a model whose coverage table sets the threshold at 0.6. From sad to happy in 4
 * songs the waypoints are (-0.5, -0.5), (-1/6, -1/6), (1/6, 1/6), (0.5, 0.5).
 */
class PlaylistShortTest extends SparkTestBase {
  private static final StructType SCHEMA = new StructType().add("id", DataTypes.StringType)
      .add("artist", DataTypes.StringType).add("prob_q1", DataTypes.DoubleType).add("prob_q2", DataTypes.DoubleType)
      .add("prob_q3", DataTypes.DoubleType).add("prob_q4", DataTypes.DoubleType)
      .add("confidence", DataTypes.DoubleType).add("model_version", DataTypes.StringType);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private static Row song(String id, double p1) {
    return RowFactory.create(id, "artist " + id, p1, 0.0, 1 - p1, 0.0, Math.max(p1, 1 - p1), "m-test");
  }

  private String table(String name, List<Row> rows) {
    String path = tmp.resolve(name).toString();
    spark.createDataFrame(rows, SCHEMA).write().parquet(path);
    return path;
  }

  private String model() throws Exception {
    java.nio.file.Path dir = Files.createDirectories(tmp.resolve("model"));
    Files.writeString(dir.resolve("provenance.json"), "{\"model_version\":\"m-test\",\"coverage\":{\"split\":"
        + "\"validation\",\"songs\":100,\"rows\":[{\"coverage\":0.25,\"songs\":25,\"threshold\":0.9,\"accuracy\":0.8,"
        + "\"macro_f1\":0.7},{\"coverage\":0.5,\"songs\":50,\"threshold\":0.6,\"accuracy\":0.7,\"macro_f1\":0.6}]}}");
    return dir.toString();
  }

  private int run(String table, String model, String... more) {
    out.reset();
    err.reset();
    List<String> args = new ArrayList<>(List.of("playlist", "--input", table, "--model", model, "--from", "sad",
        "--to", "happy", "--artist-gap", "0", "--out", tmp.resolve("out" + System.nanoTime()).toString()));
    args.addAll(List.of(more));
    return Main.run(args.toArray(String[]::new), new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        () -> spark);
  }

  private JsonNode line() throws Exception {
    return JSON.readTree(out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void fallsShortWhenTooFewSongsAreSureEnoughAndExitsThreeUnlessAllowed() throws Exception {
    // s1 (-0.5, -0.5) and s2 (-0.3, -0.3) are sure enough; h1 (0.1, 0.1) is not (0.55 < the model's 0.6), though
    // the old fixed 0.4 would have kept it. Steps 3 and 4 find nothing: 2 of 4 songs, ending at s2.
    String table = table("short", List.of(song("s1", 0.25), song("s2", 0.35), song("h1", 0.55)));
    String model = model();
    assertEquals(3, run(table, model, "--songs", "4"));
    JsonNode r = line();
    assertEquals(2, r.get("short_by").asInt());
    assertEquals(4, r.get("songs_asked").asInt());
    assertEquals(Math.round(Math.hypot(0.8, 0.8) * 1e4) / 1e4, r.get("end_distance").asDouble(), 1e-9);
    assertEquals(0.6, r.get("min_confidence").asDouble(), 1e-12);
    assertTrue(r.get("min_confidence_from").asText().startsWith("coverage 0.5"), r.toString());
    assertEquals(List.of("s1", "s2"), ids(r));
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertTrue(stderr.contains("falls short") && stderr.contains("2 of the 4 songs"), stderr);

    assertEquals(0, run(table, model, "--songs", "4", "--allow-short"));
    assertEquals(2, line().get("short_by").asInt());

    // Two songs are found for two asked, but the second ends 1.13 from happy: still short of the target.
    assertEquals(3, run(table, model, "--songs", "2"));
    assertEquals(0, line().get("short_by").asInt());
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("ends 1.131 from happy"), err.toString());
    assertEquals(0, run(table, model, "--songs", "2", "--max-end-distance", "1.2"));
  }

  @Test
  void aPlaylistThatArrivesExitsZero() throws Exception {
    // h2 (0.2, 0.2) at confidence 0.6 is kept; h3 sits on happy's centre.
    String table = table("full", List.of(song("s1", 0.25), song("s2", 0.35), song("h1", 0.55), song("h2", 0.6),
        song("h3", 0.75)));
    assertEquals(0, run(table, model(), "--songs", "4"));
    JsonNode r = line();
    assertEquals(0, r.get("short_by").asInt());
    assertEquals(0.0, r.get("end_distance").asDouble(), 1e-9);
    assertEquals(List.of("s1", "s2", "h2", "h3"), ids(r));
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void withoutAModelTheFixedDefaultIsUsedAndSaid() throws Exception {
    String table = table("nomodel", List.of(song("s1", 0.25), song("s2", 0.35), song("h1", 0.55)));
    assertEquals(3, run(table, tmp.resolve("no-model").toString(), "--songs", "4"));
    JsonNode r = line();
    assertEquals("default", r.get("min_confidence_from").asText());
    assertEquals(List.of("s1", "s2", "h1"), ids(r), "0.4 keeps h1");
    assertEquals(1, r.get("short_by").asInt());
  }

  private static List<String> ids(JsonNode r) {
    List<String> ids = new ArrayList<>();
    r.get("songs").forEach(s -> ids.add(s.get("id").asText()));
    return ids;
  }
}
