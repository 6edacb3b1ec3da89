package dev.songmood.stages;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * A partition's rows in blocks of songs, each block encoded with one call (so chunks of many songs share ONNX
 * Runtime calls), each row given extra columns from that call. What the encoder stages' {@code mapPartitions} do.
 */
final class SongBlocks {
  /** The extra column values of each song of a block, from its texts (null for a null text). */
  interface Encode {
    Object[][] columns(List<String> texts);
  }

  private SongBlocks() {
  }

  /** Lazily: reads {@code songsPerCall} rows, encodes their {@code textIndex} column, appends the new columns. */
  static Iterator<Row> map(Iterator<Row> rows, int textIndex, int songsPerCall, Encode encode) {
    return new Iterator<>() {
      private Iterator<Row> ready = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        if (!ready.hasNext() && rows.hasNext()) {
          List<Row> block = new ArrayList<>(songsPerCall);
          List<String> texts = new ArrayList<>(songsPerCall);
          while (rows.hasNext() && block.size() < songsPerCall) {
            Row r = rows.next();
            block.add(r);
            texts.add(r.isNullAt(textIndex) ? null : r.getString(textIndex));
          }
          Object[][] extra = encode.columns(texts);
          List<Row> done = new ArrayList<>(block.size());
          for (int i = 0; i < block.size(); i++) {
            Row r = block.get(i);
            Object[] values = new Object[r.length() + extra[i].length];
            for (int j = 0; j < r.length(); j++) {
              values[j] = r.get(j);
            }
            System.arraycopy(extra[i], 0, values, r.length(), extra[i].length);
            done.add(RowFactory.create(values));
          }
          ready = done.iterator();
        }
        return ready.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return ready.next();
      }
    };
  }
}
