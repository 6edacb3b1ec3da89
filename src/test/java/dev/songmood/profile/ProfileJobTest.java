package dev.songmood.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import dev.songmood.input.InputSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * A five-song fixture (made-up text) whose statistics are counted by hand: one exact duplicate row (so one
 * duplicate id), one missing genre, valence 1, 2, 3, 3, 4 and arousal = 5 - valence (r = -1).
 */
class ProfileJobTest extends SparkTestBase {
  static final String FIXTURE = String.join("\n",
      "{\"id\":\"s1\",\"artist\":\"Ann\",\"lyrics\":\"sun sun rain\",\"valence\":1.0,\"arousal\":4.0,\"genre\":\"pop\"}",
      "{\"id\":\"s2\",\"artist\":\"Ann\",\"lyrics\":\"The sun is bright\",\"valence\":2.0,\"arousal\":3.0,"
          + "\"genre\":\"pop\"}",
      "{\"id\":\"s3\",\"artist\":\"Bob\",\"lyrics\":\"rain and rain\",\"valence\":3.0,\"arousal\":2.0,\"genre\":\"rock\"}",
      "{\"id\":\"s3\",\"artist\":\"Bob\",\"lyrics\":\"rain and rain\",\"valence\":3.0,\"arousal\":2.0,\"genre\":\"rock\"}",
      "{\"id\":\"s4\",\"artist\":\"Cy\",\"lyrics\":\"sun\",\"valence\":4.0,\"arousal\":1.0,\"genre\":null}") + "\n";

  static ProfileResult profileFixture(org.apache.spark.sql.SparkSession spark, Path dir) throws Exception {
    Path input = dir.resolve("songs.jsonl");
    Files.writeString(input, FIXTURE);
    return ProfileJob.run(spark, new ProfileConfig(InputSpec.of(input.toString()),
        dir.resolve("profile").toString()));
  }

  @Test
  void tablesHoldTheHandCountedStatistics() throws Exception {
    ProfileResult r = profileFixture(spark, tmp);
    String t = r.tablesDir();
    List<Row> stats = spark.read().parquet(t + "/stats").collectAsList();
    assertEquals(5.0, stat(stats, "overview", "rows"));
    assertEquals(6.0, stat(stats, "overview", "columns"));
    assertEquals(1.0, stat(stats, "overview", "missing cells"));
    assertEquals(1.0, stat(stats, "overview", "duplicate rows"));
    assertEquals(1.0, stat(stats, "overview", "duplicate ids"));
    assertEquals(2.8, stat(stats, "lyrics", "mean tokens"), 1e-12);  // 3 + 4 + 3 + 3 + 1 WordPiece tokens
    assertEquals(14.0, stat(stats, "lyrics", "words before cleaning"));
    assertEquals(10.0, stat(stats, "lyrics", "words after cleaning"));  // the, is, and are stop words
    assertEquals(0.0, stat(stats, "lyrics", "share over the chunk budget"));

    Row genre = spark.read().parquet(t + "/columns").where("column = 'genre'").first();
    assertEquals(4L, genre.getLong(genre.fieldIndex("non_null")));
    assertEquals(1L, genre.getLong(genre.fieldIndex("missing")));
    assertEquals(2L, genre.getLong(genre.fieldIndex("distinct")));
    Row valence = spark.read().parquet(t + "/columns").where("column = 'valence'").first();
    assertEquals("numeric", valence.getString(valence.fieldIndex("type")));
    assertEquals(2.6, valence.getDouble(valence.fieldIndex("mean")), 1e-12);

    // 20 bins of width 0.15 over 1..4: 1 -> bin 0, 2 -> 6, 3 -> 13 (twice), 4 -> the last
    List<Row> bins = spark.read().parquet(t + "/histograms").where("column = 'valence' AND count > 0")
        .orderBy("bin").collectAsList();
    assertEquals(List.of(0, 6, 13, 19), bins.stream().map(b -> b.getInt(1)).toList());
    assertEquals(List.of(1L, 1L, 2L, 1L), bins.stream().map(b -> b.getLong(4)).toList());
    assertEquals(5L, spark.read().parquet(t + "/histograms").where("column = 'lyrics tokens'")
        .agg(org.apache.spark.sql.functions.sum("count")).first().getLong(0));

    assertEquals(List.of("rain 5", "sun 4", "and 2", "bright 1"), frequent(t, "word_raw", 4));
    assertEquals(List.of("rain 5", "sun 4", "bright 1"), frequent(t, "word_clean", 3));
    assertEquals(List.of("pop 2", "rock 2"), frequent(t, "value", 2, "genre"));
    // medians 3 and 2: s1, s2 are Q2 (angry), s3 twice Q1, s4 Q4
    assertEquals(List.of("Q1 happy 2", "Q2 angry 2", "Q3 sad 0", "Q4 relaxed 1"), frequent(t, "quadrant", 4));
    Row rawShare = spark.read().parquet(t + "/frequent").where("kind = 'word_raw' AND rank = 1").first();
    assertEquals(5.0 / 14, rawShare.getDouble(rawShare.fieldIndex("share")), 1e-12);

    Row corr = spark.read().parquet(t + "/correlations").where("a = 'arousal' AND b = 'valence'").first();
    assertEquals(-1.0, corr.getDouble(2), 1e-9);
    List<String> alerts = spark.read().parquet(t + "/alerts").collectAsList().stream()
        .map(a -> a.getString(0) + " " + a.getString(1)).toList();
    assertTrue(alerts.containsAll(List.of("genre MISSING", "arousal HIGH CORRELATION")), alerts.toString());
    assertTrue(alerts.stream().noneMatch(a -> a.startsWith("id ")), "4 ids of 5 are not unique: " + alerts);
    assertTrue(Files.readString(Path.of(r.page())).contains("duplicate rows"));
  }

  private static double stat(List<Row> stats, String section, String name) {
    return stats.stream().filter(s -> s.getString(0).equals(section) && s.getString(1).equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no stat " + section + "/" + name)).getDouble(2);
  }

  private List<String> frequent(String t, String kind, int n) {
    return frequent(t, kind, n, null);
  }

  private List<String> frequent(String t, String kind, int n, String column) {
    return spark.read().parquet(t + "/frequent").where("kind = '" + kind + "'"
            + (column == null ? "" : " AND column = '" + column + "'")).orderBy("rank").limit(n).collectAsList()
        .stream().map(f -> f.getString(3) + " " + f.getLong(4)).collect(Collectors.toList());
  }
}
