package dev.songmood.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.songmood.SparkTestBase;
import dev.songmood.tables.TableRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code sql} on real local Spark over a Delta table written here (two versions: only the current one is read). */
@Tag("slow")
class SqlCommandTest extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StructType SCHEMA = new StructType().add("id", DataTypes.StringType)
      .add("mood", DataTypes.StringType).add("plays", DataTypes.LongType).add("score", DataTypes.DoubleType)
      .add("note", DataTypes.StringType);

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private String songs;

  @BeforeEach
  void writeTable() {
    songs = tmp.resolve("songs").toString();
    frame(SCHEMA, new Object[] {"old1", "sad", 1L, 0.5, "superseded"}, new Object[] {"old2", "sad", 2L, 0.5, "x"})
        .write().format("delta").save(songs);
    frame(SCHEMA, new Object[] {"a1", "happy", 1500L, 0.25, "say \"hi\", then go"},
        new Object[] {"b2", "sad", 7L, 1.0, null}, new Object[] {"c3", "happy", 42L, 0.125, ""})
        .write().format("delta").mode("overwrite").save(songs);
  }

  private int sql(String... args) {
    out.reset();
    err.reset();
    String[] all = new String[args.length + 1];
    all[0] = "sql";
    System.arraycopy(args, 0, all, 1, args.length);
    return Main.run(all, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), () -> spark);
  }

  private String out() { return out.toString(StandardCharsets.UTF_8); }

  private String err() { return err.toString(StandardCharsets.UTF_8); }

  @Test
  void printsAnAlignedTableOfTheCurrentVersionOnly() {
    assertEquals(0, sql("--table", "songs=" + songs, "SELECT id, mood, plays FROM songs ORDER BY id"), err());
    assertEquals(String.join("\n",
        "id | mood  | plays",
        "---+-------+------",
        "a1 | happy |  1500",
        "b2 | sad   |     7",
        "c3 | happy |    42",
        "(3 rows)", ""), out());
    assertEquals(0, sql("--table", "songs=" + songs, "--limit", "2", "SELECT id, note FROM songs ORDER BY id"));
    List<String> lines = out().lines().toList();
    assertEquals(List.of("id | note", "---+" + "-".repeat(18), "a1 | say \"hi\", then go", "b2 | NULL"),
        lines.subList(0, 4), out());
    assertTrue(lines.get(4).contains("the first 2 rows: the query returned more"), out());
    assertEquals(5, lines.size(), out());
  }

  @Test
  void printsCsvAndJsonLines() throws Exception {
    assertEquals(0, sql("--table", "songs=" + songs, "--format", "csv", "SELECT id, note FROM songs ORDER BY id"),
        err());
    assertEquals("id,note\na1,\"say \"\"hi\"\", then go\"\nb2,\nc3,\"\"\n", out());
    assertEquals("", err().strip(), "nothing cut, nothing said");
    assertEquals(0, sql("--table", "songs=" + songs, "--format", "json",
        "SELECT id, plays, score, note FROM songs ORDER BY id"), err());
    List<String> lines = out().lines().toList();
    assertEquals(3, lines.size(), out());
    JsonNode first = JSON.readTree(lines.get(0));
    assertEquals("a1", first.path("id").asText());
    assertTrue(first.path("plays").isIntegralNumber() && first.path("plays").asLong() == 1500, lines.get(0));
    assertEquals(0.25, first.path("score").asDouble(), 0.0);
    JsonNode second = JSON.readTree(lines.get(1));
    assertTrue(second.has("note") && second.get("note").isNull(), "a NULL is kept: " + lines.get(1));
    assertEquals(0, sql("--table", "songs=" + songs, "--format", "json", "--limit", "1", "SELECT id FROM songs"));
    assertEquals(1, out().lines().count(), out());
    assertTrue(err().contains("the first 1 rows: the query returned more"), "said on stderr: " + err());
  }

  @Test
  void namesTablesByDatabaseAndReadsParquetAsParquet() {
    TableRegistry.register(spark, "sql_command_test", Map.of("songs",
        new TableRegistry.Location(songs, "delta")));
    String before = spark.catalog().currentDatabase();
    assertEquals(0, sql("--database", "sql_command_test", "SELECT count(*) AS n FROM songs"), err());
    assertEquals("n\n-\n3\n(1 row)\n", out());
    assertEquals(before, spark.catalog().currentDatabase(), "the session is left as it was");
    assertEquals(0, sql("--database", "sql_command_test", "SELECT count(*) AS n FROM songs VERSION AS OF 0"), err());
    assertEquals("n\n-\n2\n(1 row)\n", out(), "the superseded version is there, and was not read above");
    assertEquals(2, sql("--database", "no_such_database_here", "SELECT 1"));
    assertTrue(err().contains("no such database"), err());

    String parquet = tmp.resolve("report").toString();
    frame(SCHEMA, new Object[] {"p1", "sad", 3L, 0.5, "n"}).write().parquet(parquet);
    assertEquals(0, sql("--table", "report=" + parquet, "--table", "songs=" + songs, "--format", "csv",
        "SELECT r.id, count(s.id) AS same_mood FROM report r JOIN songs s ON r.mood = s.mood GROUP BY r.id"), err());
    assertEquals("id,same_mood\np1,1\n", out());
    assertFalse(spark.catalog().tableExists("report"), "the query's views are gone afterwards");
  }

  @Test
  void aBadQueryExitsOneWithTheAnalyzersMessageAndNoStackTrace() {
    assertEquals(1, sql("--table", "songs=" + songs, "SELECT moood FROM songs"));
    assertTrue(err().contains("UNRESOLVED_COLUMN") && err().contains("moood") && err().contains("`mood`"), err());
    assertFalse(err().contains("\tat ") || err().contains("'Project") || err().contains("Exception"),
        "the message only: " + err());
    assertEquals(1, sql("--table", "songs=" + songs, "SELEC id FROM songs"));
    assertTrue(err().contains("PARSE_SYNTAX_ERROR"), err());
    assertEquals(1, sql("--table", "songs=" + songs, "SELECT * FROM nowhere"));
    assertTrue(err().contains("TABLE_OR_VIEW_NOT_FOUND") && err().contains("nowhere"), err());
  }

  @Test
  void aStatementThatWouldChangeATableIsRefused() {
    for (String change : new String[] {"DELETE FROM songs WHERE id = 'a1'", "DROP TABLE songs",
        "INSERT INTO songs SELECT * FROM songs", "SET spark.sql.shuffle.partitions=1"}) {
      assertEquals(2, sql("--table", "songs=" + songs, change), change);
      assertTrue(err().contains("sql runs queries only"), err());
    }
    assertEquals(0, sql("--table", "songs=" + songs, "SELECT count(*) FROM songs"));
    assertTrue(out().contains("3"), "unchanged: " + out());
    assertEquals(0, sql("--table", "songs=" + songs, "DESCRIBE songs"), err());
    assertTrue(out().contains("plays") && out().contains("bigint"), out());
  }

  @Test
  void badArgumentsAndUnknownPathsExitTwoBeforeSparkStarts() {
    UsageRun cli = new UsageRun();
    assertEquals(2, cli.run("sql", "--table", "songs=" + tmp.resolve("nowhere"), "SELECT 1"));
    assertTrue(cli.err.toString(StandardCharsets.UTF_8).contains("--table songs: no table at"), cli.err.toString());
    UsageRun notATable = new UsageRun();
    assertEquals(2, notATable.run("sql", "--table", "t=" + tmp, "SELECT 1"));
    assertTrue(notATable.err.toString(StandardCharsets.UTF_8).contains("neither a Delta table"), notATable.err
        .toString());
    for (String[] bad : new String[][] {{"sql"}, {"sql", "--table", "songs", "SELECT 1"},
        {"sql", "--table", "1x=" + songs, "SELECT 1"}, {"sql", "--format", "xml", "SELECT 1"},
        {"sql", "--limit", "0", "SELECT 1"}, {"sql", "SELECT", "id", "FROM", "songs"}}) {
      UsageRun run = new UsageRun();
      assertEquals(2, run.run(bad), String.join(" ", bad) + ": " + run.err);
    }
  }
}
