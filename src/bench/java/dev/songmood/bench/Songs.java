package dev.songmood.bench;

import dev.songmood.input.Fields;
import dev.songmood.metrics.ClassificationReport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Labelled songs held on the driver in id order, and the members' probabilities of them aligned to that order. */
final class Songs {
  private final String[] ids;
  private final String[] splits;
  private final int[] labels;
  private final Map<String, Integer> index = new HashMap<>();

  private Songs(List<Row> rows) {
    ids = new String[rows.size()];
    splits = new String[rows.size()];
    labels = new int[rows.size()];
    for (int i = 0; i < ids.length; i++) {
      Row r = rows.get(i);
      ids[i] = r.getString(0);
      splits[i] = r.getString(1);
      labels[i] = (int) Math.round(((Number) r.get(2)).doubleValue());
      if (index.put(ids[i], i) != null) {
        throw new IllegalArgumentException("duplicate id " + ids[i]);
      }
    }
  }

  /** {@code songs}: id, split and label columns. */
  static Songs of(Dataset<Row> songs) {
    return new Songs(songs.select(Fields.ID, Fields.SPLIT, Fields.LABEL).orderBy(Fields.ID).collectAsList());
  }

  int size() {
    return ids.length;
  }

  long count(String split) {
    return rows(split).length;
  }

  int[] rows(String split) {
    return IntStream.range(0, ids.length).filter(i -> splits[i].equals(split)).toArray();
  }

  String split(int row) {
    return splits[row];
  }

  int label(int row) {
    return labels[row];
  }

  /** The probability vectors of {@code column} in {@code scored}, by this set's row order; every song must be there. */
  double[][] probabilities(Dataset<Row> scored, String column) {
    double[][] out = new double[ids.length][];
    for (Row r : scored.select(Fields.ID, column).collectAsList()) {
      Integer at = index.get(r.getString(0));
      if (at != null) {
        out[at] = ((Vector) r.get(1)).toArray();
      }
    }
    for (int i = 0; i < out.length; i++) {
      if (out[i] == null) {
        throw new IllegalStateException("no probabilities for song " + ids[i]);
      }
    }
    return out;
  }

  int[] argmax(double[][] p, String split) {
    return IntStream.of(rows(split)).map(i -> argmax(p[i])).toArray();
  }

  static int argmax(double[] p) {
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[best]) {
        best = k;
      }
    }
    return best;
  }

  int[] labels(String split) {
    return IntStream.of(rows(split)).map(i -> labels[i]).toArray();
  }

  ClassificationReport report(int[] predicted, String split) {
    int[] truth = labels(split);
    long[][] counts = new long[4][4];
    for (int i = 0; i < truth.length; i++) {
      counts[truth[i]][predicted[i]]++;
    }
    return ClassificationReport.of(counts);
  }
}
