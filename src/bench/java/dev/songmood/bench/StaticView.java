package dev.songmood.bench;

import dev.songmood.encode.Chunker;
import dev.songmood.encode.EncoderModel;
import dev.songmood.encode.OnnxEncoder;
import dev.songmood.input.Fields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A static view distilled from an encoder, the Model2Vec recipe: every WordPiece token that occurs in the songs is
 * passed through the encoder once, alone ([CLS] token [SEP]); the token vectors are reduced to {@value #DIMENSIONS}
 * dimensions by PCA; a song's vector is the mean of its tokens' vectors weighted by a / (a + p(token)) (smooth
 * inverse frequency, a = {@value #SIF_A}, p from the train split's tokens). Distilling costs one short encoder call
 * per distinct token, once; a song then costs a tokenisation and a weighted sum.
 */
final class StaticView {
  static final String SUFFIX = "@static";
  static final int DIMENSIONS = 256;
  static final double SIF_A = 1e-3;

  private StaticView() {
  }

  static ViewVectors.Encoded encode(SparkSession spark, Dataset<Row> songs, String view) {
    EncoderModel model = EncoderModel.parse(view.substring(0, view.length() - SUFFIX.length()));
    OnnxEncoder encoder = OnnxEncoder.load(model, 2);
    Chunker chunker = encoder.chunker();
    List<Row> rows = songs.select(Fields.ID, Fields.SPLIT, Fields.LIGHT_LYRICS).collectAsList();
    long start = System.nanoTime();
    List<long[]> tokens = new ArrayList<>();
    Map<Long, Long> trainCounts = new HashMap<>();
    long trainTotal = 0;
    TreeSet<Long> distinct = new TreeSet<>();
    for (Row r : rows) {
      long[] ids = chunker.tokenize(r.getString(2));
      tokens.add(ids);
      for (long id : ids) {
        distinct.add(id);
        if ("train".equals(r.getString(1))) {
          trainCounts.merge(id, 1L, Long::sum);
          trainTotal++;
        }
      }
    }
    double tokenizeMs = (System.nanoTime() - start) / 1e6;
    long distill = System.nanoTime();
    List<Long> vocab = new ArrayList<>(distinct);
    List<dev.songmood.encode.Chunker.Chunk> alone = vocab.stream()
        .map(id -> new Chunker.Chunk(0, new long[] {id}, "")).toList();
    float[][] tokenVectors = encoder.encode(alone, 64);
    DenseMatrix pc = principalComponents(spark, tokenVectors);
    Map<Long, double[]> reduced = new HashMap<>();
    for (int t = 0; t < vocab.size(); t++) {
      reduced.put(vocab.get(t), project(pc, tokenVectors[t]));
    }
    System.out.printf(Locale.ROOT, "static view of %s: %d distinct tokens distilled in %.1f s%n", model.id(),
        vocab.size(), (System.nanoTime() - distill) / 1e9);
    long pooling = System.nanoTime();
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      double[] v = new double[DIMENSIONS];
      double total = 0;
      for (long id : tokens.get(i)) {
        double p = trainTotal == 0 ? 0 : trainCounts.getOrDefault(id, 0L) / (double) trainTotal;
        double w = SIF_A / (SIF_A + p);
        double[] tv = reduced.get(id);
        for (int j = 0; j < DIMENSIONS; j++) {
          v[j] += w * tv[j];
        }
        total += w;
      }
      for (int j = 0; j < DIMENSIONS && total > 0; j++) {
        v[j] /= total;
      }
      out.add(RowFactory.create(rows.get(i).getString(0), Vectors.dense(v)));
    }
    double perSong = (tokenizeMs + (System.nanoTime() - pooling) / 1e6) / rows.size();
    StructType schema = new StructType().add(Fields.ID, DataTypes.StringType)
        .add(Fields.EMBEDDING, SQLDataTypes.VectorType());
    return new ViewVectors.Encoded(spark.createDataFrame(out, schema), perSong);
  }

  private static DenseMatrix principalComponents(SparkSession spark, float[][] vectors) {
    List<Row> rows = new ArrayList<>();
    for (float[] f : vectors) {
      double[] d = new double[f.length];
      for (int j = 0; j < f.length; j++) {
        d[j] = f[j];
      }
      rows.add(RowFactory.create(Vectors.dense(d)));
    }
    Dataset<Row> frame = spark.createDataFrame(rows, new StructType().add("v", SQLDataTypes.VectorType()));
    return new PCA().setInputCol("v").setOutputCol("p").setK(DIMENSIONS).fit(frame).pc();
  }

  private static double[] project(DenseMatrix pc, float[] v) {
    double[] out = new double[pc.numCols()];
    for (int c = 0; c < pc.numCols(); c++) {
      double s = 0;
      for (int r = 0; r < pc.numRows(); r++) {
        s += pc.apply(r, c) * v[r];
      }
      out[c] = s;
    }
    return out;
  }
}
