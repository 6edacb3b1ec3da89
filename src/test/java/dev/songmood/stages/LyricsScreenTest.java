package dev.songmood.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.songmood.SparkTestBase;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class LyricsScreenTest extends SparkTestBase {
  private static final StructType SCHEMA = new StructType().add("id", DataTypes.StringType)
      .add("lyrics", DataTypes.StringType).add("clean_lyrics", DataTypes.StringType);

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
}
