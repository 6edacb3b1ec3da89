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

  /**
   * An encoder stage's work: each task opens the encoder (on a GPU when Spark's resource scheduling gave the task
   * one), encodes the {@code textCol} of its rows in blocks, and appends each song's {@code columns}.
   */
  static PartitionWork work(Dataset<Row> input, StructType out, String textCol, Plan plan, Columns columns) {
    int textIndex = Arrays.asList(input.schema().fieldNames()).indexOf(textCol);
    return new PartitionWork(input, rows -> {
      TaskContext task = TaskContext.get();
      boolean gpu = task != null && task.resources().contains("gpu");
      SongEncoding encoding = plan.opener().open(plan.threads(), gpu);
      return map(rows, textIndex, plan.songsPerCall(), texts -> {
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
