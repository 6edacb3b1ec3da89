package dev.songmood.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.songmood.SampleModel;
import dev.songmood.SparkTestBase;
import dev.songmood.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Songs built to break a night: a lyric that opens with a thousand section markers (it once overflowed the cleaning
 * pattern's stack inside a UDF and aborted the whole run, leaving its lock behind), the same storm before sung
 * lines, and a JSON {@code "\ud800"} (a lone surrogate). The run ends well, every song is labelled or quarantined
 * with a reason, and {@code predict} answers every line of the same songs.
 */
@Tag("slow")
class LabelHostileLyricsTest extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SONG = "We dance all night under golden lights, hearts alive and shining bright, "
      + "jump and shout, the summer is ours tonight";

  private static String line(String id, String lyricsJson) {
    return "{\"id\": \"" + id + "\", \"lyrics\": \"" + lyricsJson + "\"}";
  }

  private int main(ByteArrayOutputStream out, ByteArrayOutputStream err, String stdin, String... args) {
    return Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        () -> spark);
  }

  @Test
  void aMarkerStormAndALoneSurrogateNeverStopANight() throws Exception {
    List<String> lines = List.of(
        line("storm", "[a]".repeat(1_000)),
        line("storm-then-song", "[a]".repeat(1_000) + "\\n" + SONG),
        line("surrogate", SONG + " \\ud800 " + SONG),
        line("good", SONG));
    Path catalog = tmp.resolve("catalog.jsonl");
    Files.writeString(catalog, String.join("\n", lines));
    String model = SampleModel.get().modelDir();
    String out = tmp.resolve("out").toString();

    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int code = main(stdout, stderr, "", "label", "--model", model, "--input", catalog.toString(), "--out", out);
    assertEquals(0, code, stderr.toString(StandardCharsets.UTF_8));

    Row run = spark.read().format("delta").load(out + "/runs").first();
    assertEquals("succeeded", run.getAs("status"));
    long read = run.<Long>getAs("read");
    long labelled = run.<Long>getAs("labelled");
    long unchanged = run.<Long>getAs("unchanged");
    long quarantined = run.<Long>getAs("quarantined");
    assertEquals(4, read);
    assertEquals(read, labelled + unchanged + quarantined);
    assertFalse(Files.exists(Path.of(out, "_lock")), "the run released its lock");

    Map<String, String> reasons = new TreeMap<>();
    for (Row q : spark.read().format("delta").load(out + "/quarantine").collectAsList()) {
      reasons.put(q.getAs("id"), q.getAs("reason"));
    }
    assertEquals(Map.of("storm", "lyrics_too_short"), reasons, "markers alone are no lyrics; the rest is sung");
    List<String> predicted = spark.read().format("delta").load(out + "/predictions").orderBy("id")
        .select("id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertEquals(List.of("good", "storm-then-song", "surrogate"), predicted);

    // predict answers each line of the same songs, in memory, as label did.
    stdout.reset();
    code = main(stdout, stderr, String.join("\n", lines) + "\n", "predict", "--model", model);
    assertEquals(0, code, stderr.toString(StandardCharsets.UTF_8));
    List<JsonNode> answers = stdout.toString(StandardCharsets.UTF_8).lines().map(l -> {
      try {
        return JSON.readTree(l);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).toList();
    assertEquals(4, answers.size());
    assertEquals("lyrics_too_short", answers.get(0).get("error").asText());
    for (JsonNode a : answers.subList(1, 4)) {
      assertTrue(a.has("quadrant") && !a.has("error"), a.toString());
    }
  }
}
