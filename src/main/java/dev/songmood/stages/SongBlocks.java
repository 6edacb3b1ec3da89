package dev.songmood.stages;

import dev.songmood.encode.SongEncoding;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * A partition's rows in blocks of songs, each block encoded with one call (so chunks of many songs share ONNX
 * Runtime calls), each row given extra columns from that call. What the encoder stages' {@code mapPartitions} do
 * ({@link #work}), and the same encoding of a few songs held on the driver ({@link #encodeInPlace}).
 */
final class SongBlocks {
  /** The most rows a block reads per song it encodes (the others skipped), so a block's memory stays bounded. */
  static final int ROWS_PER_TEXT = 16;

  /** The extra column values of each song of a block, from its texts (null for a null text). */
  interface Encode {
    Object[][] columns(List<String> texts);
  }

  /** Opens a stage's encoder with {@code threads} intra-op threads, on a GPU when {@code gpu}. */
  interface Opener extends Serializable {
    SongEncoding open(int threads, boolean gpu);
  }

  /** The extra column values of one song from its vector (null: a song without tokens). */
  interface Columns extends Serializable {
    Object[] of(float[] vector);
  }

  /**
   * How an encoder stage encodes: its encoder, the intra-op threads per task, the most tokens per chunk, the tokens
   * consecutive chunks share, how chunk vectors pool into a song vector, and the chunks per ONNX Runtime call.
   */
  record Plan(Opener opener, int threads, int chunkTokens, int overlap, String pooling, int batch)
      implements Serializable {
    /** Songs read per encoding call: enough for a few full batches of chunks. */
    int songsPerCall() {
      return Math.max(batch * 4, 16);
    }
  }

  private SongBlocks() {
  }

  private static boolean skips(Row row, int skipIndex) {
    return skipIndex >= 0 && !row.isNullAt(skipIndex) && row.getBoolean(skipIndex);
  }

  /**
   * An encoder stage's work: each task opens the encoder (on a GPU when Spark's resource scheduling gave the task
   * one), encodes the {@code textCol} of its rows in blocks, and appends each song's {@code columns}. Rows whose
   * boolean {@code skipCol} is true (null: none) are not encoded: they get the columns of a zero song vector.
   */
  static PartitionWork work(Dataset<Row> input, StructType out, String textCol, Plan plan, Columns columns,
      String skipCol) {
    List<String> names = Arrays.asList(input.schema().fieldNames());
    int textIndex = names.indexOf(textCol);
    int skipIndex = skipCol == null ? -1 : names.indexOf(skipCol);
    if (skipCol != null && skipIndex < 0) {
      throw new IllegalArgumentException("no column " + skipCol + " to skip rows by");
    }
    return new PartitionWork(input, rows -> {
      TaskContext task = TaskContext.get();
      boolean gpu = task != null && task.resources().contains("gpu");
      SongEncoding encoding = plan.opener().open(plan.threads(), gpu);
      Object[] skipped = skipIndex < 0 ? null : columns.of(new float[encoding.dimension()]);
      return map(rows, textIndex, skipIndex, skipped, plan.songsPerCall(), texts -> {
        float[][] vectors = encoding.encodeSongs(texts, plan.chunkTokens(), plan.overlap(), plan.pooling(),
            plan.batch());
        Object[][] extra = new Object[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
          extra[i] = columns.of(vectors[i]);
        }
        return extra;
      });
    }, out);
  }

  /** The song vectors of a few songs held on the driver (their {@code textCol}), encoded on this machine's cores. */
  static float[][] encodeInPlace(List<Map<String, Object>> songs, String textCol, Plan plan) {
    SongEncoding.OnDriver cores = SongEncoding.OnDriver.of(plan.threads(), songs.size());
    SongEncoding encoding = plan.opener().open(cores.intraOpThreads(), false);
    List<String> texts = new ArrayList<>(songs.size());
    songs.forEach(song -> texts.add((String) song.get(textCol)));
    return encoding.encodeSongs(texts, plan.chunkTokens(), plan.overlap(), plan.pooling(), plan.batch(),
        cores.workers());
  }

  /** Lazily: reads {@code songsPerCall} rows, encodes their {@code textIndex} column, appends the new columns. */
  static Iterator<Row> map(Iterator<Row> rows, int textIndex, int songsPerCall, Encode encode) {
    return map(rows, textIndex, -1, null, songsPerCall, encode);
  }

  /**
   * As above, but a row whose boolean {@code skipIndex} column is true (a negative index: none) is not encoded and
   * gets {@code skipped} as its new columns; a block reads up to {@code songsPerCall} rows to encode, and at most
   * {@value #ROWS_PER_TEXT} times as many rows in all.
   */
  static Iterator<Row> map(Iterator<Row> rows, int textIndex, int skipIndex, Object[] skipped, int songsPerCall,
      Encode encode) {
    return new Iterator<>() {
      private Iterator<Row> ready = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        if (!ready.hasNext() && rows.hasNext()) {
          List<Row> block = new ArrayList<>(songsPerCall);
          List<String> texts = new ArrayList<>(songsPerCall);
          while (rows.hasNext() && texts.size() < songsPerCall && block.size() < songsPerCall * ROWS_PER_TEXT) {
            Row r = rows.next();
            block.add(r);
            if (!skips(r, skipIndex)) {
              texts.add(r.isNullAt(textIndex) ? null : r.getString(textIndex));
            }
          }
          Object[][] extra = texts.isEmpty() ? new Object[0][] : encode.columns(texts);
          List<Row> done = new ArrayList<>(block.size());
          int encoded = 0;
          for (Row r : block) {
            Object[] added = skips(r, skipIndex) ? skipped : extra[encoded++];
            Object[] values = new Object[r.length() + added.length];
            for (int j = 0; j < r.length(); j++) {
              values[j] = r.get(j);
            }
            System.arraycopy(added, 0, values, r.length(), added.length);
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
