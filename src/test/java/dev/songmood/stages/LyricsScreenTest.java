package dev.songmood.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.songmood.SparkTestBase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class LyricsScreenTest extends SparkTestBase {
  private static final StructType SCHEMA = new StructType().add("id", DataTypes.StringType)
      .add("lyrics", DataTypes.StringType).add("clean_lyrics", DataTypes.StringType);

  @Test
  void survivesSaveAndLoadWithItsBounds() {
    LyricsScreen screen = new LyricsScreen().setMinCleanChars(5).setMaxRawChars(20);
    LyricsScreen loaded = StageRoundTrip.check(screen, tmp, LyricsScreen::load, frame(SCHEMA,
        new Object[] {"1", "short", "abcd"}, new Object[] {"2", "fine", "abcde"},
        new Object[] {"3", "y".repeat(21), "abcde"}), "id");
    assertEquals(5, loaded.getMinCleanChars());
    assertEquals(20, loaded.getMaxRawChars());
  }

  @Test
  void eachReasonAndTheLengthBoundary() {
    String c64 = "x".repeat(64);
    String c65 = "x".repeat(65);
    List<Row> rows = new LyricsScreen().setMinCleanChars(65).setMaxRawChars(200).transform(frame(SCHEMA,
        new Object[] {"1", null, null},
        new Object[] {"2", " \n\t ", ""},
        new Object[] {"3", "y".repeat(201), c65},
        new Object[] {"4", "y".repeat(200), c65},
        new Object[] {"5", "raw", c64},
        new Object[] {"6", "raw", c65},
        new Object[] {"7", "raw", null}))
        .orderBy("id").select("reject_reason", "reject_detail").collectAsList();
    assertEquals(Arrays.asList("missing_lyrics", "empty_lyrics", "lyrics_too_long", null, "lyrics_too_short", null,
        "lyrics_too_short"), rows.stream().map(r -> r.getString(0)).toList());
    assertEquals("201 characters, more than 200", rows.get(2).getString(1));
    assertEquals("64 characters after cleaning, fewer than 65", rows.get(4).getString(1));
  }

  @Test
  void textThatIsNotLyricsOrNotUtf8() {
    String c65 = "x".repeat(65);
    List<Row> rows = new LyricsScreen().transform(frame(SCHEMA,
        new Object[] {"1", "12345.5", c65},
        new Object[] {"2", "{\"verse\": \"la la\"}", c65},
        new Object[] {"3", "[\"line one\", \"line two\"]", c65},
        new Object[] {"4", "[1, 2, 3]", c65},
        new Object[] {"5", "caf\uFFFD au lait, the morning song", c65},
        new Object[] {"6", "[Chorus]\nwe sing [2x]\n[Outro]", c65},
        new Object[] {"7", "{ braces } are fine in lyrics", c65},
        new Object[] {"8", "\u6708\u306e\u5149 (moonlight) 2024", c65}))
        .orderBy("id").select("reject_reason").collectAsList();
    assertEquals(Arrays.asList("non_text_lyrics", "non_text_lyrics", "non_text_lyrics", "non_text_lyrics",
        "invalid_encoding", null, null, null), rows.stream().map(r -> r.getString(0)).toList());
  }

  /**
   * A song whose cleaning failed ({@code _unprocessable}, as LyricsCleaner sets it) is quarantined as unprocessable
   * before any other reason, and the column goes. A lone surrogate never reaches a Spark stage: Spark holds strings
   * as UTF-8, where it becomes '?', so that song is labelled (predict and serve convert their text the same way).
   */
  @Test
  void aFailedStepIsQuarantinedALoneSurrogateLabelled() {
    StructType schema = SCHEMA.add("_unprocessable", DataTypes.StringType);
    String c65 = "x".repeat(65);
    org.apache.spark.sql.Dataset<Row> out = new LyricsScreen().transform(frame(schema,
        new Object[] {"1", "we sing ".repeat(20), null, "StackOverflowError"},
        new Object[] {"2", null, null, "IllegalStateException: boom"},
        new Object[] {"3", "we sing \uD800 all night long ".repeat(5), c65, null},
        new Object[] {"4", "we sing ".repeat(20), c65, null}));
    assertEquals(List.of("id", "lyrics", "clean_lyrics", "reject_reason", "reject_detail"), List.of(out.columns()));
    List<Row> rows = out.orderBy("id").select("reject_reason", "reject_detail").collectAsList();
    assertEquals(Arrays.asList("unprocessable", "unprocessable", null, null),
        rows.stream().map(r -> r.getString(0)).toList());
    assertEquals("StackOverflowError", rows.get(0).getString(1));
    assertEquals("IllegalStateException: boom", rows.get(1).getString(1));
  }

  /** The in-memory form ({@code serve}, {@code predict}) gives every row the reason and detail Spark gives. */
  @Test
  void inMemoryTheSameVerdicts() {
    String c65 = "x".repeat(65);
    Object[][] songs = {{"1", null, null}, {"2", " \n\t ", ""}, {"3", "y".repeat(201), c65},
        {"4", "y".repeat(200), c65}, {"5", "raw", "x".repeat(64)}, {"6", "raw", null}, {"7", "12345.5", c65},
        {"8", "{\"verse\": \"la la\"}", c65}, {"9", "[1, 2, 3]", c65}, {"10", "caf\uFFFD au lait", c65},
        {"11", "[Chorus]\nwe sing [2x]\n[Outro]", c65}, {"12", "\uD83C\uDFB5".repeat(150) + " la", c65},
        {"13", "\u6708\u306e\u5149 \uD83C\uDFB5 " + "9".repeat(60), c65}};
    LyricsScreen screen = new LyricsScreen().setMinCleanChars(65).setMaxRawChars(200);
    List<Row> spark = screen.transform(frame(SCHEMA, songs)).collectAsList();
    List<Map<String, Object>> local = new ArrayList<>();
    for (Object[] song : songs) {
      Map<String, Object> m = new HashMap<>();
      m.put("lyrics", song[1]);
      m.put("clean_lyrics", song[2]);
      local.add(m);
    }
    screen.applyLocally(local);
    for (int i = 0; i < songs.length; i++) {
      assertEquals(spark.get(i).getAs("reject_reason"), local.get(i).get("reject_reason"), "song " + songs[i][0]);
      assertEquals(spark.get(i).getAs("reject_detail"), local.get(i).get("reject_detail"), "song " + songs[i][0]);
    }
    assertNull(local.get(11).get("reject_reason"), "153 characters (code points), as Spark counts, not 303 UTF-16 units");
  }
}
