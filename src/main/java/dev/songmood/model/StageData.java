package dev.songmood.model;

import dev.songmood.io.HadoopFiles;
import dev.songmood.stages.CatalogPriorModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.feature.IDFModel;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.SparseMatrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.ml.util.DefaultParamsReader;

/**
 * The stages with data of their own that songmood models hold (IDF weights, a vocabulary, logistic regression
 * coefficients, the valence/arousal heads' linear regressions, catalog prior counts), made from their saved files on the driver with no Spark job: the metadata's
 * parameters as {@link DefaultParamsReader} sets them, the Parquet data read with Parquet's own reader and turned into
 * the stage as the stage's Spark 3 reader does ({@code IDFModel.IDFModelReader}, {@code CountVectorizerModelReader},
 * {@code LogisticRegressionModelReader}, {@code LinearRegressionModelReader}, {@code CatalogPriorModel.Reader}). A cold JVM's first Spark jobs cost
 * seconds; these few small files cost milliseconds. Other stages, and models saved by Spark before 3, return null:
 * their own reader reads them.
 */
final class StageData {
  private StageData() {
  }

  /** The stage saved at {@code dir}, or null when this class does not read its kind. */
  static Params read(HadoopFiles files, String dir, String className, String metadataJson) {
    DefaultParamsReader.Metadata metadata = DefaultParamsReader.parseMetadata(metadataJson, className);
    if (!metadata.sparkVersion().startsWith("3.")) {
      return null;
    }
    Params stage = switch (className) {
      case "org.apache.spark.ml.feature.IDFModel" -> idf(metadata.uid(), single(files, dir));
      case "org.apache.spark.ml.feature.CountVectorizerModel" ->
          new CountVectorizerModel(metadata.uid(), strings(single(files, dir), "vocabulary"));
      case "org.apache.spark.ml.classification.LogisticRegressionModel" -> logReg(metadata.uid(), single(files, dir));
      case "org.apache.spark.ml.regression.LinearRegressionModel" -> linReg(metadata.uid(), single(files, dir));
      case "dev.songmood.stages.CatalogPriorModel" -> prior(metadata.uid(), rows(files, dir), dir);
      default -> null;
    };
    if (stage != null) {
      metadata.getAndSetParams(stage, scala.Option.<scala.collection.immutable.List<String>>empty());
    }
    return stage;
  }

  private static IDFModel idf(String uid, Group row) {
    org.apache.spark.mllib.linalg.Vector weights = org.apache.spark.mllib.linalg.Vectors.fromML(vector(row, "idf"));
    return new IDFModel(uid, new org.apache.spark.mllib.feature.IDFModel(weights, longs(row, "docFreq"),
        row.getLong("numDocs", 0)));
  }

  private static LogisticRegressionModel logReg(String uid, Group row) {
    return new LogisticRegressionModel(uid, matrix(row.getGroup("coefficientMatrix", 0)),
        vector(row, "interceptVector"), row.getInteger("numClasses", 0), row.getBoolean("isMultinomial", 0));
  }

  /** Spark 3's LinearRegressionModel data: intercept, coefficients, scale (the valence/arousal heads). */
  private static LinearRegressionModel linReg(String uid, Group row) {
    return new LinearRegressionModel(uid, vector(row, "coefficients"), row.getDouble("intercept", 0),
        row.getDouble("scale", 0));
  }

  private static CatalogPriorModel prior(String uid, List<Group> rows, String dir) {
    double[] prior = null;
    Map<String, Map<String, double[]>> tables = new LinkedHashMap<>();
    for (Group r : rows) {
      String column = r.getString("column", 0);
      double[] counts = doubles(r, "counts");
      if (CatalogPriorModel.PRIOR_KEY.equals(column)) {
        prior = counts;
      } else {
        tables.computeIfAbsent(column, k -> new HashMap<>()).put(r.getString("value", 0), counts);
      }
    }
    if (prior == null) {
      throw new IllegalStateException("catalog prior at " + dir + " has no class counts");
    }
    return new CatalogPriorModel(uid, prior, tables);
  }

  /** Spark's VectorUDT: type (0 sparse, 1 dense), size, indices, values. */
  private static Vector vector(Group row, String field) {
    Group v = row.getGroup(field, 0);
    return v.getInteger("type", 0) == 1 ? Vectors.dense(doubles(v, "values"))
        : Vectors.sparse(v.getInteger("size", 0), ints(v, "indices"), doubles(v, "values"));
  }

  /** Spark's MatrixUDT: type (0 sparse, 1 dense), numRows, numCols, colPtrs, rowIndices, values, isTransposed. */
  private static Matrix matrix(Group m) {
    int rows = m.getInteger("numRows", 0);
    int cols = m.getInteger("numCols", 0);
    boolean transposed = m.getBoolean("isTransposed", 0);
    return m.getInteger("type", 0) == 1 ? new DenseMatrix(rows, cols, doubles(m, "values"), transposed)
        : new SparseMatrix(rows, cols, ints(m, "colPtrs"), ints(m, "rowIndices"), doubles(m, "values"), transposed);
  }

  /** The elements of a Parquet LIST (its one repeated group, whose one field is the element). */
  private static List<Group> elements(Group row, String field) {
    List<Group> out = new ArrayList<>();
    if (row.getFieldRepetitionCount(field) == 0) {
      return out;
    }
    Group list = row.getGroup(field, 0);
    for (int i = 0; i < list.getFieldRepetitionCount(0); i++) {
      out.add(list.getGroup(0, i));
    }
    return out;
  }

  private static double[] doubles(Group row, String field) {
    return elements(row, field).stream().mapToDouble(e -> e.getDouble(0, 0)).toArray();
  }

  private static int[] ints(Group row, String field) {
    return elements(row, field).stream().mapToInt(e -> e.getInteger(0, 0)).toArray();
  }

  private static long[] longs(Group row, String field) {
    return elements(row, field).stream().mapToLong(e -> e.getLong(0, 0)).toArray();
  }

  private static String[] strings(Group row, String field) {
    return elements(row, field).stream().map(e -> e.getString(0, 0)).toArray(String[]::new);
  }

  private static Group single(HadoopFiles files, String dir) {
    List<Group> rows = rows(files, dir);
    if (rows.size() != 1) {
      throw new IllegalStateException("the data of stage " + dir + " has " + rows.size() + " rows, not 1");
    }
    return rows.get(0);
  }

  /** Every row of the stage's {@code data/} Parquet files. */
  private static List<Group> rows(HadoopFiles files, String dir) {
    List<Group> rows = new ArrayList<>();
    for (String name : files.sizes(dir + "/data").keySet()) {
      if (!name.endsWith(".parquet")) {
        continue;
      }
      Path file = new Path(dir + "/data/" + name);
      try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file)
          .withConf(files.fs(file).getConf()).build()) {
        for (Group g = reader.read(); g != null; g = reader.read()) {
          rows.add(g);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return rows;
  }
}
