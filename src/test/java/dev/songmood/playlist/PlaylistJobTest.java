package dev.songmood.playlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A predictions table whose playlist is known by hand. From sad to happy in 5 songs the waypoints are (-0.5, -0.5),
 * (-0.25, -0.25), (0, 0), (0.25, 0.25), (0.5, 0.5); a song's place is (P1 + P4 - P2 - P3, P1 + P2 - P3 - P4).
 */
@Tag("slow")
class PlaylistJobTest extends SparkTestBase {

  private static final StructType SCHEMA = new StructType().add("id", DataTypes.StringType)
      .add("artist", DataTypes.StringType).add("title", DataTypes.StringType)
      .add("prob_q1", DataTypes.DoubleType).add("prob_q2", DataTypes.DoubleType)
      .add("prob_q3", DataTypes.DoubleType).add("prob_q4", DataTypes.DoubleType)
      .add("confidence", DataTypes.DoubleType).add("valence", DataTypes.DoubleType)
      .add("arousal", DataTypes.DoubleType);

  private static Row song(String id, String artist, double p1, double p3, Double valence, Double arousal) {
    return RowFactory.create(id, artist, "title " + id, p1, 0.0, p3, 0.0, Math.max(p1, p3), valence, arousal);
  }

  @Test
  void walksFromSadToHappySkippingUnsureSongsRepeatedArtistsAndFetchingMoreWhenNeeded() {
    List<Row> rows = new ArrayList<>();
    rows.add(song("a0", "Ann", 0.25, 0.75, null, null));          // (-0.5, -0.5): step 1
    for (int i = 1; i <= 20; i++) {                                  // exactly on step 2, but Ann was just played:
      rows.add(song(String.format("a1-%02d", i), "Ann", 0.375, 0.625, null, null));  // 21 songs fill 16 candidates
    }
    rows.add(song("b1", "Bob", 0.35, 0.65, null, null));           // (-0.3, -0.3): step 2 after a second search
    rows.add(song("c2", "Cy", 0.5, 0.5, null, null));              // (0, 0): step 3
    // exactly on step 4, but unsure (0.45 < 0.5)
    rows.add(RowFactory.create("a-low", "Dee", "unsure", 0.45, 0.075, 0.2, 0.075, 0.45, null, null));
    rows.add(song("d3", "Dee", 0.6, 0.4, null, null));             // (0.2, 0.2): step 4
    rows.add(song("b4", "Bob", 0.75, 0.25, null, null));           // (0.5, 0.5): Bob again, 3 songs later
    rows.add(song("e4", "Eve", 0.75, 0.25, null, null));           // same place, later id
    String table = tmp.resolve("predictions").toString();
    spark.createDataFrame(rows, SCHEMA).write().parquet(table);

    PlaylistResult r = PlaylistJob.run(spark, new PlaylistConfig(table, MoodPoint.parse("sad"),
        MoodPoint.parse("happy"), 5, 2, 0.5, tmp.resolve("out").toString()));

    assertEquals(List.of("a0", "b1", "c2", "d3", "b4"), r.songs().stream().map(Song::id).toList());
    assertEquals(32, r.candidatesPerWaypoint(), "step 2's 16 nearest were all Ann's");
    assertEquals(Math.sqrt(0.005), r.songs().get(1).distance(), 1e-9);
    assertEquals("probabilities", r.songs().get(0).positionFrom());
    Dataset<Row> written = spark.read().parquet(r.tableDir()).orderBy("position");
    assertEquals(List.of("a0", "b1", "c2", "d3", "b4"),
        written.select("id").collectAsList().stream().map(x -> x.getString(0)).toList());
    Row second = written.collectAsList().get(1);
    assertEquals(-0.25, second.getDouble(second.fieldIndex("waypoint_valence")), 1e-12);
    assertEquals(-0.3, second.getDouble(second.fieldIndex("plane_arousal")), 1e-12);
  }

  @Test
  void modelCoordinatesAreCentredOnTheMedianAndScaledByTheSpread() {
    // valence 1, 3, 5, 7, 9: median 5, 5th..95th percentile 1..9, so (v - 5) / 4; arousal mirrored
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      rows.add(song("m" + i, "artist " + i, 0.7, 0.3, 1.0 + 2 * i, 9.0 - 2 * i));
    }
    rows.add(song("p", "P", 0.75, 0.25, null, null));               // no coordinates: (0.5, 0.5) from probabilities
    Dataset<Row> placed = PlanePosition.add(spark.createDataFrame(rows, SCHEMA)).orderBy("id");
    List<Row> out = placed.select("id", PlanePosition.VALENCE, PlanePosition.AROUSAL, PlanePosition.SOURCE)
        .collectAsList();
    double[] expected = {-1, -0.5, 0, 0.5, 1};
    for (int i = 0; i < 5; i++) {
      assertEquals(expected[i], out.get(i).getDouble(1), 1e-12, "valence of m" + i);
      assertEquals(-expected[i], out.get(i).getDouble(2), 1e-12, "arousal of m" + i);
      assertEquals("model", out.get(i).getString(3));
    }
    assertEquals(0.5, out.get(5).getDouble(1), 1e-12);
    assertEquals("probabilities", out.get(5).getString(3));
  }

  @Test
  void refusesATableThatIsNotPredictions() {
    String table = tmp.resolve("other").toString();
    spark.range(3).toDF("id").write().parquet(table);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlaylistJob.run(spark,
        new PlaylistConfig(table, MoodPoint.parse("sad"), MoodPoint.parse("Q1"), 3, 1, 0.4, tmp.toString())));
    assertTrue(e.getMessage().contains("is not a predictions table"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MoodPoint.parse("sleepy"));
    assertEquals(-0.5, MoodPoint.parse("Q2").valence(), 0);
    assertEquals(0.2, MoodPoint.parse("0.2,-1").valence(), 0);
  }
}
