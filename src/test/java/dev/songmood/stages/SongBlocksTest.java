package dev.songmood.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class SongBlocksTest {
  @Test
  void encodesBlocksOfAtMostTheGivenSizeLazilyAndAppendsTheColumns() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      rows.add(RowFactory.create("s" + i, i == 3 ? null : "text " + i));
    }
    List<Integer> calls = new ArrayList<>();
    Iterator<Row> out = SongBlocks.map(rows.iterator(), 1, 3, texts -> {
      calls.add(texts.size());
      Object[][] extra = new Object[texts.size()][];
      for (int i = 0; i < texts.size(); i++) {
        extra[i] = new Object[] {texts.get(i) == null ? null : texts.get(i).length(), calls.size()};
      }
      return extra;
    });
    assertEquals(List.of(), calls, "nothing is encoded before the first row is asked for");
    List<Row> done = new ArrayList<>();
    out.forEachRemaining(done::add);
    assertEquals(List.of(3, 3, 1), calls, "7 songs in blocks of 3: one call per block");
    assertEquals(7, done.size());
    for (int i = 0; i < 7; i++) {
      Row r = done.get(i);
      assertEquals(4, r.length());
      assertEquals("s" + i, r.getString(0), "order kept");
      assertEquals(i == 3 ? null : ("text " + i).length(), r.get(2));
      assertEquals(i / 3 + 1, r.get(3), "song " + i + " in block " + (i / 3 + 1));
    }
    assertFalse(out.hasNext());
    assertThrows(NoSuchElementException.class, out::next);
  }

  @Test
  void skippedRowsAreNeverEncodedAndGetThePlaceholderInPlace() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      rows.add(RowFactory.create("s" + i, "text " + i, i % 4 != 0));  // every fourth song to encode
    }
    List<String> encoded = new ArrayList<>();
    Object[] placeholder = {"zero vector"};
    Iterator<Row> out = SongBlocks.map(rows.iterator(), 1, 2, placeholder, 2, texts -> {
      encoded.addAll(texts);
      Object[][] extra = new Object[texts.size()][];
      for (int i = 0; i < texts.size(); i++) {
        extra[i] = new Object[] {"vector of " + texts.get(i)};
      }
      return extra;
    });
    List<Row> done = new ArrayList<>();
    out.forEachRemaining(done::add);
    assertEquals(List.of("text 0", "text 4", "text 8", "text 12", "text 16", "text 20", "text 24", "text 28",
        "text 32", "text 36"), encoded, "only the songs not skipped reach the encoder");
    assertEquals(40, done.size());
    for (int i = 0; i < 40; i++) {
      assertEquals("s" + i, done.get(i).getString(0), "order kept");
      assertEquals(i % 4 != 0 ? "zero vector" : "vector of text " + i, done.get(i).get(3), "song " + i);
    }
  }

  @Test
  void anEmptyPartitionNeverCallsTheEncoder() {
    Iterator<Row> out = SongBlocks.map(new ArrayList<Row>().iterator(), 0, 8, texts -> {
      throw new AssertionError("called on no songs");
    });
    assertFalse(out.hasNext());
  }
}
