package dev.songmood.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.songmood.SparkTestBase;
import dev.songmood.io.SqlText;
import io.delta.tables.DeltaTable;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * A predictions table whose path is built to break out of SQL quoting: a backtick, a quote and a comment, naming
 * another table. When the table gains a column (a newer schema), that table alone changes; the other is untouched.
 */
class PredictionsTableTest extends SparkTestBase {
  private static final StructType OLD = new StructType().add("id", DataTypes.StringType)
      .add("quadrant", DataTypes.IntegerType);

  @Test
  void aPathWithABacktickAndAQuoteChangesItsOwnTableAndNoOther() throws Exception {
    String victim = tmp.resolve("victim").toString();
    String hostile = victim + "` SET TBLPROPERTIES ('pwned'='1') -- 'x/out";
    Dataset<Row> before = frame(OLD, new Object[] {"a", 0});
    before.write().format("delta").save(victim);
    before.write().format("delta").save(hostile);
    long victimVersion = DeltaTable.forPath(spark, victim).history(1).first().getAs("version");

    StructType newer = OLD.add("valence", DataTypes.DoubleType);
    PredictionsTable.Change change = new PredictionsTable(spark, hostile).publish(
        frame(newer, new Object[] {"a", 1, 0.5}, new Object[] {"b", 2, -0.5}), frame(new StructType()
            .add("id", DataTypes.StringType)));

    assertEquals(1, change.inserted());
    assertEquals(1, change.updated());
    Dataset<Row> published = spark.read().format("delta").load(hostile).orderBy("id");
    assertEquals(List.of("id", "quadrant", "valence"), List.of(published.columns()));
    assertEquals(0.5, published.first().<Double>getAs("valence"));

    DeltaTable other = DeltaTable.forPath(spark, victim);
    assertEquals(victimVersion, (long) other.history(1).first().getAs("version"), "no commit on the other table");
    assertEquals(List.of("id", "quadrant"), List.of(other.toDF().columns()));
    assertFalse(other.detail().first().<scala.collection.Map<String, String>>getAs("properties").contains("pwned"));
  }

  @Test
  void quotingDoublesBackticksAndEscapesQuotes() {
    assertEquals("`a``b`", SqlText.identifier("a`b"));
    assertEquals("delta.`/x``y`", SqlText.deltaPath("/x`y"));
    assertEquals("'it\\'s \\\\ fine'", SqlText.literal("it's \\ fine"));
    assertEquals("it's \\ fine", spark.sql("SELECT " + SqlText.literal("it's \\ fine")).first().getString(0));
    assertEquals(1, spark.sql("SELECT 1 AS " + SqlText.identifier("a`b; DROP")).first().getInt(0));
  }
}
