package dev.songmood.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.trim;

import dev.songmood.input.Fields;
import dev.songmood.songs.Partitions;
import dev.songmood.stages.LyricsEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One view's song vectors (id, embedding), encoded by the product's {@link LyricsEncoder} and cached as Parquet with
 * the encoding's wall time per song beside it: {@code ENCODER} encodes each song in 256-token chunks, mean-pooled;
 * {@code ENCODER@sections} encodes each blank-line-separated section alone and puts the mean and the max over a
 * song's sections side by side; {@code ENCODER@static} is the {@link StaticView} distilled from the encoder (its cost
 * per song is the tokenisation and pooling, the distillation once apart).
 */
final class ViewVectors {
  static final String SECTIONS = "@sections";

  record Encoded(Dataset<Row> vectors, double msPerSong) {
  }

  private ViewVectors() {
  }

  static Encoded load(SparkSession spark, Dataset<Row> songs, String view, String cacheDir) {
    Path dir = Path.of(cacheDir, view.replace('@', '_') + ".parquet");
    Path cost = Path.of(cacheDir, view.replace('@', '_') + ".ms");
    try {
      if (!Files.exists(cost)) {
        double ms;
        if (view.endsWith(StaticView.SUFFIX)) {
          Encoded e = StaticView.encode(spark, songs, view);
          e.vectors().write().mode("overwrite").parquet(dir.toString());
          ms = e.msPerSong();
        } else {
          long n = songs.count();
          long start = System.nanoTime();
          Dataset<Row> vectors = view.endsWith(SECTIONS) ? sections(spark, songs, view) : whole(songs, view);
          vectors.write().mode("overwrite").parquet(dir.toString());
          ms = (System.nanoTime() - start) / 1e6 / n;
        }
        Files.createDirectories(dir.getParent());
        Files.writeString(cost, String.format(Locale.ROOT, "%.3f%n", ms), StandardCharsets.UTF_8);
      }
      return new Encoded(spark.read().parquet(dir.toString()),
          Double.parseDouble(Files.readString(cost, StandardCharsets.UTF_8).trim()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static LyricsEncoder encoder(String model) {
    return new LyricsEncoder().setModel(model).setChunkTokens(256).setSongPooling("mean");
  }

  private static Dataset<Row> whole(Dataset<Row> songs, String view) {
    return encoder(view).transform(Partitions.rightSized(songs.select(Fields.ID, Fields.LIGHT_LYRICS)))
        .select(Fields.ID, Fields.EMBEDDING);
  }

  private static Dataset<Row> sections(SparkSession spark, Dataset<Row> songs, String view) {
    String model = view.substring(0, view.length() - SECTIONS.length());
    Dataset<Row> parts = songs.select(col(Fields.ID), posexplode(split(col(Fields.LIGHT_LYRICS), "\n[ \t]*\n")))
        .where(length(trim(col("col"))).gt(0))
        .select(col(Fields.ID), col("pos"), col("col").as(Fields.LIGHT_LYRICS));
    List<Row> encoded = encoder(model).transform(Partitions.rightSized(parts))
        .select(Fields.ID, Fields.EMBEDDING).collectAsList();
    Map<String, List<double[]>> bySong = new LinkedHashMap<>();
    for (Row r : encoded) {
      bySong.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(((Vector) r.get(1)).toArray());
    }
    List<Row> rows = new ArrayList<>();
    bySong.forEach((id, vs) -> {
      int d = vs.get(0).length;
      double[] out = new double[2 * d];
      Arrays.fill(out, d, 2 * d, Double.NEGATIVE_INFINITY);
      for (double[] v : vs) {
        for (int j = 0; j < d; j++) {
          out[j] += v[j] / vs.size();
          out[d + j] = Math.max(out[d + j], v[j]);
        }
      }
      rows.add(RowFactory.create(id, Vectors.dense(out)));
    });
    StructType schema = new StructType().add(Fields.ID, DataTypes.StringType)
        .add(Fields.EMBEDDING, SQLDataTypes.VectorType());
    return spark.createDataFrame(rows, schema);
  }
}
