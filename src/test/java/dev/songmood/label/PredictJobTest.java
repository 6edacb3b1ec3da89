package dev.songmood.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.songmood.SampleModel;
import dev.songmood.SparkTestBase;
import dev.songmood.model.SongAnswers;
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
    List<String> out = PredictJob.run(spark, SampleModel.get().modelDir(), in, null,
        new PrintStream(bytes, true));
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
    assertFalse(first.get("uncertain").asBoolean(true), "no threshold: not uncertain");
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

  private static int predictCli(List<String> args, String stdin, ByteArrayOutputStream out,
      ByteArrayOutputStream err, java.util.function.Supplier<org.apache.spark.sql.SparkSession> spark) {
    return dev.songmood.cli.Main.run(args.toArray(new String[0]),
        new java.io.ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        new PrintStream(out, true), new PrintStream(err, true), spark);
  }

  @Test
  void songsBelowTheThresholdAreUncertainAndBadThresholdsStopBeforeSpark() throws Exception {
    String model = SampleModel.get().modelDir();
    String song = "tears fall in the cold grey rain, I walk alone and say goodbye, the empty room remembers you";
    String line = "{\"id\": \"s1\", \"lyrics\": \"" + song + "\"}";
    dev.songmood.model.EmotionModel loaded = dev.songmood.model.EmotionModel.load(spark, model);
    double confidence = SongAnswers.predict(spark, loaded, List.of(line)).get(0).get("confidence").asDouble();
    assertTrue(SongAnswers.predict(spark, loaded, List.of(line), confidence + 1e-9).get(0).get("uncertain")
        .asBoolean());
    assertFalse(SongAnswers.predict(spark, loaded, List.of(line), confidence).get(0).get("uncertain")
        .asBoolean(true), "at the threshold is not below it");

    double t = dev.songmood.model.CoverageTable.of(loaded.provenance()).orElseThrow().threshold(0.5);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(0, predictCli(List.of("predict", "--model", model, "--coverage", "0.5"), line, out, err,
        () -> spark), err.toString());
    JsonNode answer = JSON.readTree(out.toString().trim());
    assertEquals(confidence, answer.get("confidence").asDouble(), 1e-12);
    assertEquals(confidence < t, answer.get("uncertain").asBoolean(), answer + " threshold " + t);

    java.nio.file.Path old = tmp.resolve("old-model");
    java.nio.file.Files.createDirectories(old.resolve(dev.songmood.model.EmotionModel.PIPELINE_DIR));
    java.nio.file.Files.writeString(old.resolve(dev.songmood.model.EmotionModel.PROVENANCE_FILE),
        "{\"model_version\": \"old\"}");
    java.util.function.Supplier<org.apache.spark.sql.SparkSession> noSpark = () -> {
      throw new AssertionError("Spark started before the options were checked");
    };
    for (List<String> bad : List.of(List.of("--min-confidence", "1.5"), List.of("--min-confidence", "x"),
        List.of("--min-confidence", "0.3", "--coverage", "0.5"), List.of("--coverage", "0"),
        List.of("--coverage", "0.05"), List.of("--coverage", "0.5", "--model", old.toString()))) {
      List<String> args = new java.util.ArrayList<>(List.of("predict"));
      args.addAll(bad);
      if (!bad.contains("--model")) {
        args.addAll(List.of("--model", model));
      }
      err.reset();
      assertEquals(2, predictCli(args, line, new ByteArrayOutputStream(), err, noSpark), bad + ": " + err);
      if (bad.contains(old.toString())) {
        assertTrue(err.toString().contains("has no coverage table"), err.toString());
      }
    }
  }

  /**
   * predict (and serve) hold their few rows on the driver: the same answers as label's distributed path for every
   * sample-data catalog song, with the shipped model (encoder, TF-IDF ensemble, catalog prior), and no Spark job.
   */
  @Test
  void theDriverPathAnswersAsLabelDoesWithoutASparkJob() throws Exception {
    dev.songmood.model.EmotionModel model = dev.songmood.model.EmotionModel.load(spark, "models/default");
    List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of("sample-data/catalog.jsonl"))
        .stream().filter(l -> !l.isBlank()).toList();
    SongAnswers.predict(spark, model, lines.subList(0, 1));  // warm: the encoder's first load
    java.util.concurrent.atomic.AtomicInteger jobs = new java.util.concurrent.atomic.AtomicInteger();
    org.apache.spark.scheduler.SparkListener counter = new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
        jobs.incrementAndGet();
      }
    };
    spark.sparkContext().addSparkListener(counter);
    List<com.fasterxml.jackson.databind.node.ObjectNode> driver;
    try {
      driver = SongAnswers.predict(spark, model, lines);
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }
    assertEquals(0, jobs.get(), "predicting a few songs starts no Spark job");

    org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> catalog = spark.read().json("sample-data/catalog.jsonl");
    dev.songmood.songs.ScreenedSongs screened = dev.songmood.songs.ScreenedSongs.of(
        dev.songmood.songs.RecordScreen.apply(catalog.withColumn(dev.songmood.songs.CatalogReader.ROW_COLUMN,
            org.apache.spark.sql.functions.monotonically_increasing_id()),
            new dev.songmood.input.Columns("id", null, null, "lyrics", null, null, null), false),
        null, model::screenLyrics, false, "test");
    java.util.Map<String, org.apache.spark.sql.Row> spark = new java.util.HashMap<>();
    for (org.apache.spark.sql.Row r : Predictions.of(model.classifyAccepted(screened.accepted()), model.version(),
        "test").collectAsList()) {
      spark.put(r.getString(r.fieldIndex("id")), r);
    }
    screened.release();
    int compared = 0;
    for (com.fasterxml.jackson.databind.node.ObjectNode node : driver) {
      org.apache.spark.sql.Row expected = node.has("id") ? spark.get(node.get("id").asText()) : null;
      if (expected == null || "duplicate_id".equals(node.path("error").asText())) {
        assertTrue(node.has("error"), "a song label quarantines is an error here too: " + node);
        continue;
      }
      assertTrue(node.has("quadrant"), "label classified this song: " + node);
      assertEquals(expected.getInt(expected.fieldIndex("quadrant")), node.get("quadrant").asInt(), node.toString());
      for (String q : List.of("Q1", "Q2", "Q3", "Q4")) {
        assertEquals(expected.getDouble(expected.fieldIndex("prob_" + q.toLowerCase())),
            node.get("probabilities").get(q).asDouble(), 1e-6, node.toString());
      }
      compared++;
    }
    assertEquals(spark.size(), compared, "every song label classifies, predict classifies");
    assertTrue(compared >= 10, "compared " + compared);
  }

  @Test
  void aRepeatedIdKeepsTheFirstCopy() throws Exception {
    String song = "tears fall in the cold grey rain, I walk alone and say goodbye, the empty room remembers you";
    List<String> in = List.of(
        "{\"id\": \"a\", \"lyrics\": \"" + song + "\"}",
        "{\"id\": \" a\\u200B\", \"lyrics\": \"" + song + " twice\"}",
        "{\"id\": \"\\u00A0\", \"lyrics\": \"" + song + "\"}");
    List<com.fasterxml.jackson.databind.node.ObjectNode> out =
        SongAnswers.predict(spark, dev.songmood.model.EmotionModel.load(spark, SampleModel.get().modelDir()), in);
    assertTrue(out.get(0).has("quadrant"), out.get(0).toString());
    assertEquals("duplicate_id", out.get(1).get("error").asText(), "the id is 'a' once blanks around it are trimmed");
    assertTrue(out.get(1).get("detail").asText().contains("copy 2"), out.get(1).toString());
    assertEquals("missing_id", out.get(2).get("error").asText(), "an id of blanks only is no id");
  }

  @Test
  void lyricsInALanguageTheModelWasNotTrainedOnGetTheReasonLabelGives() throws Exception {
    String english = "tears fall in the cold grey rain, I walk alone and say goodbye, the empty room remembers you";
    String spanish = "las lagrimas caen bajo la lluvia fria, camino solo por la calle y digo adios, la casa vacia "
        + "recuerda tu voz y la noche no termina nunca";
    List<com.fasterxml.jackson.databind.node.ObjectNode> out = SongAnswers.predict(spark,
        dev.songmood.model.EmotionModel.load(spark, "models/default"), List.of(
            "{\"id\": \"en\", \"lyrics\": \"" + english + "\"}",
            "{\"id\": \"es\", \"lyrics\": \"" + spanish + "\"}"));
    assertEquals("en", out.get(0).get("language").asText(), out.get(0).toString());
    assertTrue(out.get(0).has("quadrant"));
    assertEquals("unsupported_language", out.get(1).get("error").asText(), out.get(1).toString());
    assertTrue(out.get(1).get("detail").asText().startsWith("lyrics in es; the model was trained on en"),
        out.get(1).toString());
  }
}
