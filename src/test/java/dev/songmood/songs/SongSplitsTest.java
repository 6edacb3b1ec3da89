package dev.songmood.songs;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Splits by artist (no artist on two sides), by song (the input's split as given), and what the report counts. */
class SongSplitsTest extends SparkTestBase {
  private static final StructType SCHEMA = new StructType().add("id", DataTypes.StringType)
      .add("artist", DataTypes.StringType).add("split", DataTypes.StringType);

  private static SongSplits.Rule config(SongSplits.By by) {
    return new SongSplits.Rule(by, 42L, "train", "validation", "test");
  }

  /** 300 songs by 60 artists, each artist's songs spread over all three given splits; 20 songs without artist. */
  private Dataset<Row> overlapping() {
    List<Object[]> rows = new ArrayList<>();
    String[] splits = {"train", "validation", "test"};
    for (int i = 0; i < 300; i++) {
      String artist = i % 5 == 0 && i < 100 ? null : (i % 2 == 0 ? "The  Band " : "the band ") + (i % 60);
      rows.add(new Object[] {"s" + i, artist, splits[(i / 60) % 3]});
    }
    return frame(SCHEMA, rows.toArray(new Object[0][]));
  }

  private static Map<String, String> splitsOf(Dataset<Row> songs) {
    Map<String, String> out = new HashMap<>();
    for (Row r : songs.select(SongSplits.artistKey().as("a"), col("split")).collectAsList()) {
      if (r.get(0) != null) {
        String before = out.put(r.getString(0), r.getString(1));
        assertTrue(before == null || before.equals(r.getString(1)), "artist " + r.getString(0) + " on two sides");
      }
    }
    return out;
  }

  @Test
  void byArtistNoArtistIsOnTwoSidesAndEverySplitHasSongs() {
    Dataset<Row> songs = SongSplits.assign(overlapping(), config(SongSplits.By.ARTIST));
    Map<String, String> byArtist = splitsOf(songs);
    assertEquals(60, byArtist.size(), "'The  Band 7' and 'the band 7' are one artist");
    for (String split : List.of("train", "validation", "test")) {
      assertTrue(songs.where(col("split").equalTo(split)).count() > 0, split);
    }
    assertEquals(300, songs.count());
    Map<String, Long> seen = SongSplits.artistsSeen(songs.where("split = 'test'"), songs.where("split != 'test'"));
    assertEquals(0L, seen.get("artists_seen_in_training"));
    assertEquals(0L, seen.get("songs_by_artists_seen_in_training"));
  }

  @Test
  void bySongTheGivenSplitStaysAndTheReportCountsTheOverlap() {
    Dataset<Row> given = overlapping();
    Dataset<Row> songs = SongSplits.assign(given, config(SongSplits.By.SONG));
    assertEquals(given.collectAsList(), songs.collectAsList());
    // Test songs: ids 120..179, one by each artist (artist i % 60), all named (only ids below 100 lack one).
    Dataset<Row> test = songs.where("split = 'test'");
    Map<String, Long> seen = SongSplits.artistsSeen(test, songs.where("split != 'test'"));
    long named = test.where(SongSplits.artistKey().isNotNull()).count();
    assertEquals(60, named);
    assertEquals(60L, seen.get("artists"), "every artist has a test song");
    assertEquals(60L, seen.get("artists_seen_in_training"));
    assertEquals(named, seen.get("songs_by_artists_seen_in_training"));
  }

  @Test
  void anArtistDisjointGivenSplitIsKeptAndNoSplitColumnIsFilledById() {
    Dataset<Row> disjoint = frame(SCHEMA, new Object[] {"1", "A", "train"}, new Object[] {"2", "a", "train"},
        new Object[] {"3", "B", "test"}, new Object[] {"4", null, "validation"});
    assertEquals(disjoint.collectAsList(), SongSplits.assign(disjoint, config(SongSplits.By.ARTIST)).collectAsList());

    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      rows.add(new Object[] {"s" + i, null, null});
    }
    Dataset<Row> none = frame(SCHEMA, rows.toArray(new Object[0][]));
    // No artist at all: split by id, exactly as --split-by song does.
    assertEquals(SongSplits.assign(none, config(SongSplits.By.SONG)).collectAsList(),
        SongSplits.assign(none, config(SongSplits.By.ARTIST)).collectAsList());
    long train = SongSplits.assign(none, config(SongSplits.By.SONG)).where("split = 'train'").count();
    assertTrue(train > 110 && train < 170, train + " of 200 in train, for a 70% share");
  }

  @Test
  void theRuleRoundTripsThroughTheProvenanceAndOldModelsHaveNone() throws Exception {
    SongSplits.Rule rule = new SongSplits.Rule(SongSplits.By.ARTIST, 7L, "tr", "va", "te");
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    Object read = json.readValue(json.writeValueAsString(rule.toMap()), Map.class);
    assertEquals(java.util.Optional.of(rule), SongSplits.Rule.of(read));
    assertEquals(java.util.Optional.empty(), SongSplits.Rule.of(null));
  }

  @Test
  void splitByParsesArtistAndSongOnly() {
    assertEquals(SongSplits.By.ARTIST, SongSplits.By.parse(" Artist "));
    assertEquals(SongSplits.By.SONG, SongSplits.By.parse("song"));
    assertThrows(IllegalArgumentException.class, () -> SongSplits.By.parse("album"));
  }
}
