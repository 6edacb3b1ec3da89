package dev.songmood.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.songmood.SparkTestBase;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Output tables by name: queried by name, registered again without change, moved when --out moves. */
class TableRegistryTest extends SparkTestBase {
  private static final StructType SCHEMA = new StructType().add("id", DataTypes.StringType)
      .add("mood", DataTypes.StringType);

  private String deltaTable(String name, Object[]... rows) {
    String path = tmp.resolve(name).toString();
    frame(SCHEMA, rows).write().format("delta").save(path);
    return path;
  }

  private long count(String sql) {
    return spark.sql(sql).first().getLong(0);
  }

  @Test
  void namesPointAtThePathsAndFollowThem() {
    String night1 = deltaTable("night1", new Object[] {"a", "joy"}, new Object[] {"b", "sadness"});
    String night2 = deltaTable("night2", new Object[] {"c", "joy"});
    String report = tmp.resolve("summary").toString();
    frame(SCHEMA, new Object[] {"m", "x"}).write().parquet(report);

    TableRegistry.register(spark, "songmood_t", Map.of("predictions", new TableRegistry.Location(night1, "delta"),
        "train_summary", new TableRegistry.Location(report, "parquet")));
    assertEquals(1, count("SELECT count(*) FROM songmood_t.predictions WHERE mood = 'joy'"));
    assertEquals(1, count("SELECT count(*) FROM songmood_t.train_summary"));

    TableRegistry.register(spark, "songmood_t", Map.of("predictions", new TableRegistry.Location(night1, "delta")));
    assertEquals(2, count("SELECT count(*) FROM songmood_t.predictions"), "registering again changes nothing");

    spark.sql("INSERT INTO delta.`" + night1 + "` VALUES ('d', 'peace')");
    assertEquals(3, count("SELECT count(*) FROM songmood_t.predictions"), "the name reads the path as it is now");

    TableRegistry.register(spark, "songmood_t", Map.of("predictions", new TableRegistry.Location(night2, "delta")));
    assertEquals(1, count("SELECT count(*) FROM songmood_t.predictions"), "moved to the new --out");
    assertEquals(3, count("SELECT count(*) FROM delta.`" + night1 + "`"), "the old files stay");
  }

  @Test
  void aNameThatCannotBeADatabaseIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> TableRegistry.requireName("songs; DROP TABLE x"));
    assertThrows(IllegalArgumentException.class, () -> TableRegistry.requireName("1abc"));
    assertEquals("song_mood2", TableRegistry.requireName("song_mood2"));
  }
}
