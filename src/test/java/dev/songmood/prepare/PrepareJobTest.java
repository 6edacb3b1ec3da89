package dev.songmood.prepare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import dev.songmood.input.InputSpec;
import dev.songmood.stages.CleaningProfile;
import dev.songmood.stages.LyricsScreen;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class PrepareJobTest extends SparkTestBase {
  private final InputSpec songs = InputSpec.of(projectDir().resolve("sample-data/songs.csv").toString());

  @Test
  void fixedCentreGivesTheQuadrantsTheSampleWasWrittenFor() {
    // sample-data/songs.csv: sample001-012 Q1, 013-024 Q2, 025-036 Q3, 037-048 Q4 around (5.5, 4.5)
    PrepareResult r = PrepareJob.run(spark, new PrepareConfig(songs, tmp.toString(), "5.5,4.5", null,
        CleaningProfile.FULL, LyricsScreen.MIN_CLEAN_CHARS_DEFAULT, LyricsScreen.MAX_RAW_CHARS_DEFAULT));
    assertArrayEquals(new long[] {12, 12, 12, 12}, r.quadrantCounts());
    assertEquals(48L, r.counts().get("read"));
    Row q3 = spark.read().parquet(r.preparedDir()).where("id = 'sample025'").first();
    assertEquals(2, q3.getInt(q3.fieldIndex("quadrant")));
    assertEquals("Q3", q3.getString(q3.fieldIndex("quadrant_name")));
    String clean = q3.getString(q3.fieldIndex("clean_lyrics"));
    assertEquals(clean.toLowerCase(), clean);
    assertTrue(!clean.contains("\n") && !clean.contains("[") && !clean.contains(","), clean);
    assertTrue(Files.exists(Path.of(tmp.toString(), "charts", "valence_arousal.png")));
    assertTrue(Files.exists(Path.of(tmp.toString(), "charts", "class_balance.png")));
  }

  @Test
  void medianCentreIsTheDataMedianAndLightCleaningKeepsText() {
    PrepareResult r = PrepareJob.run(spark, new PrepareConfig(songs, tmp.toString(), "median", null,
        CleaningProfile.LIGHT, LyricsScreen.MIN_CLEAN_CHARS_DEFAULT, LyricsScreen.MAX_RAW_CHARS_DEFAULT));
    // the 24th and 25th valences are 5.12 and 5.88, arousals 4.13 and 4.87
    assertEquals(5.5, r.valenceCentre(), 1e-9);
    assertEquals(4.5, r.arousalCentre(), 1e-9);
    assertArrayEquals(new long[] {12, 12, 12, 12}, r.quadrantCounts());
    Row crlf = spark.read().parquet(r.preparedDir()).where("id = 'sample040'").first();
    String light = crlf.getString(crlf.fieldIndex("clean_lyrics"));
    assertTrue(!light.contains("\r") && light.contains("\n"), "line ends normalised, lines kept");
  }
}
