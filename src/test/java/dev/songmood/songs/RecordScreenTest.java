package dev.songmood.songs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import dev.songmood.input.Columns;
import dev.songmood.input.InputFormat;
import dev.songmood.input.ReadOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class RecordScreenTest extends SparkTestBase {

  private Dataset<Row> screen(Path file, boolean coordinates) {
    return RecordScreen.apply(new CatalogReader(spark).read(List.of(file.toString()), InputFormat.AUTO,
        ReadOptions.DETECT),
        Columns.defaults(), coordinates);
  }

  /** id (or row number when there is none) -> reason ("ok" when accepted). */
  private Map<String, String> reasons(Dataset<Row> screened) {
    Map<String, String> out = new TreeMap<>();
    for (Row r : screened.select("_row", "id", "reject_reason").collectAsList()) {
      String key = r.isNullAt(1) ? "row" + r.getLong(0) : r.getString(1);
      out.merge(key, r.isNullAt(2) ? "ok" : r.getString(2), (a, b) -> a + "," + b);
    }
    return out;
  }

  @Test
  void csvWithMultiLineLyricsAndEveryRecordProblem() throws Exception {
    Path csv = write("songs.csv", String.join("\n",
        "song_id,artist,title,valence,arousal,lyrics",
        "s1,A,T1,6.5,5.0,\"line one",
        "line two, with \"\"quotes\"\"\"",
        ",B,T2,4,4,\"no id here\"",
        "s1,C,T3,3,3,\"second copy of s1\"",
        "s4,D,T4,abc,3,\"valence is not a number\"",
        "s5,E,T5,5,5,\"x\",\"one field too many\"",
        ""));
    Dataset<Row> screened = screen(csv, true);
    Map<String, String> reasons = reasons(screened);
    assertEquals("ok,duplicate_id", reasons.get("s1"));
    assertEquals("invalid_label", reasons.get("s4"));
    assertEquals("malformed_row", reasons.get("s5"));
    assertEquals(1, reasons.values().stream().filter(v -> v.equals("missing_id")).count());
    assertEquals(5, screened.count());

    Row first = screened.where("id = 's1' and reject_reason is null").first();
    assertEquals("line one\nline two, with \"quotes\"", first.getString(first.fieldIndex("lyrics")));
    assertEquals("A", first.getString(first.fieldIndex("artist")));
    assertEquals(6.5, first.getDouble(first.fieldIndex("valence")));
  }

  @Test
  void jsonLinesMalformedLineIsKeptAsARow() throws Exception {
    Path json = write("catalog.jsonl", String.join("\n",
        "{\"id\": \"a\", \"lyrics\": \"first\"}",
        "{\"id\": \"b\", \"lyrics\": \"unterminated",
        "{\"lyrics\": \"no id\"}",
        "{\"id\": \"a\", \"lyrics\": \"again\"}"));
    Map<String, String> reasons = reasons(screen(json, false));
    assertEquals("ok,duplicate_id", reasons.get("a"));
    assertEquals(2, reasons.values().stream().filter(v -> v.equals("malformed_row") || v.equals("missing_id"))
        .count());
    assertTrue(reasons.containsValue("malformed_row"));
  }

  @Test
  void missingColumnsAndPathsFailBeforeAnyWork() throws Exception {
    Path noLyrics = write("x.csv", "song_id,title\n1,t\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> screen(noLyrics, false));
    assertTrue(e.getMessage().contains("no lyrics column"), e.getMessage());

    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> new CatalogReader(spark).read(List.of(tmp.resolve("nope.csv").toString()), InputFormat.AUTO,
        ReadOptions.DETECT));
    assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());

    Columns typo = new Columns(null, null, null, "lyricz", null, null, null);
    Path ok = write("y.csv", "id,lyrics\n1,t\n");
    IllegalArgumentException badName = assertThrows(IllegalArgumentException.class, () -> RecordScreen.apply(
        new CatalogReader(spark).read(List.of(ok.toString()), InputFormat.AUTO,
        ReadOptions.DETECT), typo, false));
    assertTrue(badName.getMessage().contains("'lyricz' not found"), badName.getMessage());
  }

  @Test
  void parquetAndDeezerColumnNames() throws Exception {
    Path csv = write("deezer.csv", "\"dzr_sng_id\",\"valence\",\"arousal\",\"artist_name\",\"track_name\",\"lyrics\"\n"
        + "\"213754\",\"-0.68\",\"0.31\",\"Dark Tranquillity\",\"Insanity's Crescendo\",\"words\"\n");
    Dataset<Row> screened = screen(csv, true);
    Row r = screened.first();
    assertEquals("213754", r.getString(r.fieldIndex("id")));
    assertEquals("Dark Tranquillity", r.getString(r.fieldIndex("artist")));
    assertEquals("Insanity's Crescendo", r.getString(r.fieldIndex("title")));
    assertEquals(-0.68, r.getDouble(r.fieldIndex("valence")));

    String parquet = tmp.resolve("p").toString();
    spark.read().option("header", true).csv(csv.toString()).write().parquet(parquet);
    Row fromParquet = RecordScreen.apply(new CatalogReader(spark).read(List.of(parquet), InputFormat.AUTO,
        ReadOptions.DETECT),
        Columns.defaults(), true).first();
    assertEquals("213754", fromParquet.getString(fromParquet.fieldIndex("id")));
  }

  @Test
  void recordsHeldInMemoryGetTheSameCanonicalColumnsAndRejections() {
    StructType schema = new StructType().add(CatalogReader.ROW_COLUMN, DataTypes.LongType)
        .add("song_id", DataTypes.StringType).add("artist_name", DataTypes.StringType)
        .add("lyrics", DataTypes.StringType);
    Object[][] records = {{1L, "\u00a0s1 ", "A", "one"}, {2L, " ", "B", "two"}, {3L, "s1", "C", "three"},
        {4L, "s2", null, "four"}, {5L, "s1", "D", "five"}};
    List<Map<String, Object>> inMemory = new ArrayList<>();
    for (Object[] record : records) {
      inMemory.add(RecordScreen.canonical(column -> (String) record[schema.fieldIndex(column)], schema,
          Columns.defaults()));
    }
    RecordScreen.markDuplicates(inMemory);
    List<Row> bySpark = RecordScreen.apply(frame(schema, records), Columns.defaults(), false)
        .orderBy(CatalogReader.ROW_COLUMN).collectAsList();
    String[] columns = {"id", "artist", "lyrics", "reject_reason", "reject_detail"};
    for (int i = 0; i < records.length; i++) {
      for (String c : columns) {
        assertEquals(bySpark.get(i).getAs(c), inMemory.get(i).get(c), "record " + (i + 1) + " " + c);
      }
    }
    assertEquals("s1", inMemory.get(0).get("id"));
    assertEquals("missing_id", inMemory.get(1).get("reject_reason"));
    assertEquals("duplicate_id", inMemory.get(2).get("reject_reason"));
    assertEquals("id seen earlier in the input; kept the first (this is copy 3)", inMemory.get(4).get("reject_detail"));
    assertEquals(null, inMemory.get(3).get("reject_reason"));
  }
}
