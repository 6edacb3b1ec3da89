package dev.songmood.profile;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import dev.songmood.input.InputSpec;
import dev.songmood.stages.QuadrantDeriver;
import dev.songmood.stages.QuadrantDeriverModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * On sample-data (48 songs, under the exact-statistics limit) the profile's labels are the ones {@code prepare}
 * derives: the same exact medians, hence the same class balance, and its distinct counts are exact.
 */
class ProfileExactnessTest extends SparkTestBase {
  private static final String SONGS = "sample-data/songs.csv";

  @Test
  void sampleDataCentreBalanceAndDistinctCountsAreExactAndMatchPrepare() throws Exception {
    Path csv = projectDir().resolve(SONGS);
    ProfileResult r = ProfileJob.run(spark, new ProfileConfig(InputSpec.of(csv.toString()),
        tmp.resolve("profile").toString()));
    String t = r.tablesDir();

    // What prepare derives: its QuadrantDeriver (exact, interpolated median) over the same songs' labels.
    Dataset<Row> labels = spark.read().option("header", true).option("multiLine", true).option("escape", "\"")
        .csv(csv.toString()).select(col("valence").cast("double").as("valence"),
            col("arousal").cast("double").as("arousal"));
    QuadrantDeriverModel prepare = new QuadrantDeriver().fit(labels);
    assertEquals(5.5, prepare.getValenceCentre(), 1e-12);
    assertEquals(4.5, prepare.getArousalCentre(), 1e-12);
    long[] expected = new long[4];
    for (Row q : prepare.transform(labels).groupBy("quadrant").count().collectAsList()) {
      expected[q.getInt(0)] = q.getLong(1);
    }
    assertEquals(List.of(12L, 12L, 12L, 12L), List.of(expected[0], expected[1], expected[2], expected[3]));

    List<Row> stats = spark.read().parquet(t + "/stats").where("section = 'labels'").collectAsList();
    for (Row s : stats) {
      assertFalse(s.getBoolean(3), s + " is exact on 48 songs");
      double want = s.getString(1).startsWith("valence") ? prepare.getValenceCentre() : prepare.getArousalCentre();
      assertEquals(want, s.getDouble(2), 1e-12, s.getString(1));
    }
    assertEquals(2, stats.size());
    List<Row> balance = spark.read().parquet(t + "/frequent").where("kind = 'quadrant'").orderBy("rank")
        .collectAsList();
    assertEquals(4, balance.size());
    for (int q = 0; q < 4; q++) {
      assertEquals(expected[q], balance.get(q).getLong(4), balance.get(q).getString(3));
    }

    Row id = spark.read().parquet(t + "/columns").where("column = 'song_id'").first();
    assertEquals(48L, id.getLong(id.fieldIndex("distinct")));
    assertFalse(id.getBoolean(id.fieldIndex("distinct_approximate")));
    List<String> alerts = spark.read().parquet(t + "/alerts").where("column = 'song_id'").collectAsList().stream()
        .map(a -> a.getString(1) + ": " + a.getString(2)).toList();
    assertEquals(List.of("UNIQUE: song_id has unique values (48 distinct of 48)"), alerts);
    // genre repeats: its exact count is what a set of its values holds
    long genres = labelsGenres(csv);
    Row genre = spark.read().parquet(t + "/columns").where("column = 'genre'").first();
    assertEquals(genres, genre.getLong(genre.fieldIndex("distinct")));
    String page = Files.readString(Path.of(r.page()));
    assertTrue(page.contains("exact (fewer than 1,000,000 rows)"), "the page says its values are exact");
    assertFalse(page.contains("≈"), "nothing is marked approximate on 48 songs");
  }

  private long labelsGenres(Path csv) {
    return spark.read().option("header", true).option("multiLine", true).option("escape", "\"").csv(csv.toString())
        .select("genre").where(col("genre").isNotNull()).collectAsList().stream().map(g -> g.getString(0))
        .distinct().count();
  }

  @Test
  void uniqueNeedsEveryValueDistinctWhenTheCountIsExact() {
    Profile.Column exact = new Profile.Column("id", "categorical", 48, 0, 47, false, null, null, null, null);
    assertFalse(Alerts.unique(exact), "47 of 48 exact is not unique");
    Profile.Column sketch = new Profile.Column("id", "categorical", 48, 0, 47, true, null, null, null, null);
    assertTrue(Alerts.unique(sketch), "an estimate within the sketch's error may be unique");
  }
}
