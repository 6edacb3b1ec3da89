package dev.songmood.songs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import dev.songmood.cli.Main;
import dev.songmood.input.Columns;
import dev.songmood.input.InputFormat;
import dev.songmood.input.ReadOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** A header that repeats a column name is refused in the file's own words; names that only look renamed are read. */
class CsvHeaderTest extends SparkTestBase {
  private static final String SONG = "\"a1\",\"Someone\",\"Something\",\"first words\",\"other words\"\n";

  private Dataset<Row> read(Path file) {
    return new CatalogReader(spark).read(List.of(file.toString()), InputFormat.AUTO, ReadOptions.DETECT);
  }

  @Test
  void aRepeatedColumnNameIsNamedWithItsColumnsNotSparksRenamings() throws Exception {
    Path file = write("twice.csv", "id,artist,title,lyrics,Lyrics\n" + SONG);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(file));
    assertTrue(e.getMessage().contains("names 'lyrics' twice, as columns 4 (lyrics) and 5 (Lyrics)"), e.getMessage());
    assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
    assertTrue(!e.getMessage().contains("lyrics3") && !e.getMessage().contains("lyrics4"), e.getMessage());

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"label", "--input", file.toString(), "--out", tmp.resolve("out").toString()},
        new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8), () -> spark);
    assertEquals(2, code, err.toString(StandardCharsets.UTF_8));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("'lyrics' twice"), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void threeCopiesAndTwoRepeatedNamesAreAllSaid() throws Exception {
    Path file = write("many.csv", "id,id,lyrics,lyrics,lyrics\n\"a\",\"b\",\"c\",\"d\",\"e\"\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(file));
    assertTrue(e.getMessage().contains("'id' twice, as columns 1 (id) and 2 (id)"), e.getMessage());
    assertTrue(e.getMessage().contains("'lyrics' 3 times, as columns 3 (lyrics) and 4 (lyrics) and 5 (lyrics)"),
        e.getMessage());
  }

  @Test
  void namesEndingInTheirPositionButNotRepeatedAreRead() throws Exception {
    Path file = write("track4.csv", "id,artist,title,lyrics,take4\n" + SONG);
    Dataset<Row> songs = read(file);
    assertEquals(List.of("id", "artist", "title", "lyrics", "take4"), Columns.userColumns(songs.schema()));
    assertEquals(1, songs.count());
  }
}
