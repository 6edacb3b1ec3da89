package dev.songmood.finetune;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.stddev;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import dev.songmood.encode.finetuned.BaseEncoder;
import dev.songmood.encode.finetuned.NamedTensors;
import dev.songmood.input.Fields;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What fine-tuning needs of the labelled songs, computed with Spark: the chunks each worker trains on (tokenised in
 * the tasks), the valence/arousal standardisation, the class weights, and the key that names a run's checkpoints.
 */
final class TrainingSongs {
  private TrainingSongs() {
  }

  /** Songs to training chunks, one share per partition; a song's chunks stay together and in order. */
  static JavaRDD<Example> examples(Dataset<Row> songs, BaseEncoder base, int maxTokens, int maxChunks,
      boolean coordinates, double[][] standard, int partitions) {
    List<String> cols = new ArrayList<>(List.of(Fields.ID, Fields.LIGHT_LYRICS, Fields.LABEL));
    if (coordinates) {
      cols.addAll(List.of(Fields.VALENCE, Fields.AROUSAL));
    }
    Dataset<Row> rows = songs.select(cols.stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new))
        .repartition(partitions, col(Fields.ID));
    return rows.toJavaRDD().mapPartitions((Iterator<Row> it) -> {
      List<Example> out = new ArrayList<>();
      while (it.hasNext()) {
        Row r = it.next();
        if (r.isNullAt(1) || r.isNullAt(2)) {
          continue;
        }
        String id = String.valueOf(r.get(0));
        int label = (int) Math.round(((Number) r.get(2)).doubleValue());
        float v = Float.NaN;
        float a = Float.NaN;
        if (coordinates && !r.isNullAt(3) && !r.isNullAt(4)) {
          v = (float) ((((Number) r.get(3)).doubleValue() - standard[0][0]) / standard[1][0]);
          a = (float) ((((Number) r.get(4)).doubleValue() - standard[0][1]) / standard[1][1]);
        }
        List<long[]> chunks = base.chunks(r.getString(1), maxTokens);
        int n = maxChunks > 0 ? Math.min(maxChunks, chunks.size()) : chunks.size();
        for (int i = 0; i < n; i++) {
          out.add(new Example(id, base.frame(chunks.get(i)), label, v, a));
        }
      }
      return out.iterator();
    });
  }

  /** Mean and standard deviation of valence and arousal over the training songs that have both; null for none. */
  static double[][] standardisation(Dataset<Row> train) {
    Row r = train.where(col(Fields.VALENCE).isNotNull().and(col(Fields.AROUSAL).isNotNull()))
        .agg(avg(Fields.VALENCE), avg(Fields.AROUSAL), stddev(Fields.VALENCE), stddev(Fields.AROUSAL),
            count("*")).first();
    if (r.getLong(4) < 2) {
      return null;
    }
    double sv = r.getDouble(2) > 0 ? r.getDouble(2) : 1;
    double sa = r.getDouble(3) > 0 ? r.getDouble(3) : 1;
    return new double[][] {{r.getDouble(0), r.getDouble(1)}, {sv, sa}};
  }

  /** Balanced class weights (n / (k n_c)) from the training songs' labels. */
  static float[] classWeights(Dataset<Row> train) {
    long[] counts = new long[4];
    for (Row r : train.groupBy(col(Fields.LABEL)).count().collectAsList()) {
      if (!r.isNullAt(0)) {
        counts[(int) Math.round(((Number) r.get(0)).doubleValue())] = r.getLong(1);
      }
    }
    double[] w = dev.songmood.metrics.ClassWeights.balanced(counts);
    float[] out = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      out[i] = (float) w[i];
    }
    return out;
  }

  /** What names a run's checkpoints: base weights, hyperparameters, and the training songs and their labels. */
  static String key(BaseEncoder base, FineTuneParams params, Dataset<Row> train, boolean coordinates) {
    Row r = train.agg(count("*"), sum(xxhash64(col(Fields.ID).cast("string"), col(Fields.LABEL)))).first();
    String what = base.weightsSha256() + "|" + params.toMap() + "|" + coordinates + "|" + r.get(0) + "|" + r.get(1);
    return base.id() + "-" + NamedTensors.sha256(what.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .substring(0, 16);
  }

}
