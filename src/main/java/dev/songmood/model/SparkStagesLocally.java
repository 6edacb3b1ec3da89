package dev.songmood.model;

import dev.songmood.stages.LocalStage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.feature.IDFModel;
import org.apache.spark.ml.feature.Normalizer;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.LinearRegressionModel;

/**
 * Spark ML's own stages that songmood models use, run on in-memory songs ({@link LocalStage}): each reads the
 * stage's parameters and fitted values and follows its {@code transform} (Spark 3.5's code, cited per stage).
 * A stage not listed here has no local form, and a model with one answers through Spark ({@link DriverPipeline}).
 */
final class SparkStagesLocally {
  private SparkStagesLocally() {
  }

  /** The local form of a Spark ML stage, or null. */
  static LocalStage of(Transformer stage) {
    if (stage instanceof RegexTokenizer t) {
      return tokenizer(t);
    }
    if (stage instanceof CountVectorizerModel c) {
      return counts(c);
    }
    if (stage instanceof IDFModel idf) {
      double[] weights = idf.idf().toArray();
      return map(idf.getInputCol(), idf.getOutputCol(), v -> scaled((Vector) v, weights));
    }
    if (stage instanceof Normalizer n) {
      double p = n.getP();
      return map(n.getInputCol(), n.getOutputCol(), v -> normalised((Vector) v, p));
    }
    if (stage instanceof VectorAssembler a) {
      return assembler(a);
    }
    if (stage instanceof StandardScalerModel z) {
      double[] mean = z.mean().toArray();
      double[] std = z.std().toArray();
      boolean withMean = z.getWithMean();
      boolean withStd = z.getWithStd();
      return map(z.getInputCol(), z.getOutputCol(), v -> standardised((Vector) v, mean, std, withMean, withStd));
    }
    if (stage instanceof ProbabilisticClassificationModel<?, ?> m) {
      return classifier(m);
    }
    if (stage instanceof LinearRegressionModel r) {  // predict: the coefficients' dot product plus the intercept
      return map(r.getFeaturesCol(), r.getPredictionCol(), v -> r.predict((Vector) v));
    }
    return null;
  }

  /** RegexTokenizer#createTransformFunc: lower-case, split on the pattern (gaps) or find it, drop short tokens. */
  private static LocalStage tokenizer(RegexTokenizer t) {
    Pattern pattern = Pattern.compile(t.getPattern());
    boolean gaps = t.getGaps();
    boolean lower = t.getToLowercase();
    int minLength = t.getMinTokenLength();
    return map(t.getInputCol(), t.getOutputCol(), value -> {
      String text = lower ? ((String) value).toLowerCase() : (String) value;
      List<String> tokens = new ArrayList<>();
      if (gaps) {
        tokens.addAll(List.of(pattern.split(text)));
      } else {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
          tokens.add(m.group());
        }
      }
      tokens.removeIf(token -> token.length() < minLength);
      return tokens;
    });
  }

  /** CountVectorizerModel#transform: counts of vocabulary terms, those under minTF dropped, optionally binary. */
  private static LocalStage counts(CountVectorizerModel c) {
    String[] vocabulary = c.vocabulary();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < vocabulary.length; i++) {
      index.put(vocabulary[i], i);
    }
    double minTf = c.getMinTF();
    boolean binary = c.getBinary();
    return map(c.getInputCol(), c.getOutputCol(), value -> {
      @SuppressWarnings("unchecked")
      List<String> terms = (List<String>) value;
      java.util.TreeMap<Integer, Double> counts = new java.util.TreeMap<>();
      for (String term : terms) {
        Integer i = index.get(term);
        if (i != null) {
          counts.merge(i, 1.0, Double::sum);
        }
      }
      double effectiveMinTf = minTf >= 1.0 ? minTf : terms.size() * minTf;
      counts.values().removeIf(n -> n < effectiveMinTf);
      int[] indices = counts.keySet().stream().mapToInt(Integer::intValue).toArray();
      double[] values = counts.values().stream().mapToDouble(n -> binary ? 1.0 : n).toArray();
      return Vectors.sparse(vocabulary.length, indices, values);
    });
  }

  /**
   * VectorAssembler.assemble: the inputs' non-zero values side by side, compressed (sparse or dense, whichever is
   * smaller); a null input fails, as with handleInvalid "error" (the default, and the only mode used here).
   */
  private static LocalStage assembler(VectorAssembler a) {
    String[] inputs = a.getInputCols();
    String out = a.getOutputCol();
    return songs -> {
      for (Map<String, Object> song : songs) {
        List<Integer> indices = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        int size = 0;
        for (String in : inputs) {
          Object value = song.get(in);
          if (value instanceof Vector v) {
            SparseVector s = v.toSparse();  // the non-zero entries, whichever kind v is
            for (int k = 0; k < s.indices().length; k++) {
              indices.add(size + s.indices()[k]);
              values.add(s.values()[k]);
            }
            size += v.size();
          } else if (value instanceof Number x) {
            if (x.doubleValue() != 0.0) {
              indices.add(size);
              values.add(x.doubleValue());
            }
            size++;
          } else {
            throw new IllegalArgumentException(a.uid() + ": input column '" + in + "' is " + value
                + "; VectorAssembler takes vectors and numbers, never null");
          }
        }
        song.put(out, Vectors.sparse(size, indices.stream().mapToInt(Integer::intValue).toArray(),
            values.stream().mapToDouble(Double::doubleValue).toArray()).compressed());
      }
    };
  }

  /** StandardScalerModel#transform: minus the mean (dense output), times 1/std (0 where the std is 0). */
  private static Vector standardised(Vector v, double[] mean, double[] std, boolean withMean, boolean withStd) {
    if (!withMean && v instanceof SparseVector s) {
      double[] values = s.values().clone();
      for (int k = 0; k < values.length; k++) {
        values[k] *= scale(std, s.indices()[k], withStd);
      }
      return Vectors.sparse(s.size(), s.indices().clone(), values);
    }
    double[] values = v.toArray();
    for (int i = 0; i < values.length; i++) {
      values[i] = (values[i] - (withMean ? mean[i] : 0.0)) * scale(std, i, withStd);
    }
    return Vectors.dense(values);
  }

  private static double scale(double[] std, int i, boolean withStd) {
    return !withStd ? 1.0 : std[i] != 0.0 ? 1.0 / std[i] : 0.0;
  }

  /** ProbabilisticClassificationModel#transform: raw scores, probabilities and the prediction, where named. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static LocalStage classifier(ProbabilisticClassificationModel<?, ?> model) {
    ProbabilisticClassificationModel<Vector, ?> m = (ProbabilisticClassificationModel) model;
    String features = m.getFeaturesCol();
    return songs -> {
      for (Map<String, Object> song : songs) {
        Vector f = (Vector) song.get(features);
        put(song, m.getRawPredictionCol(), m.predictRaw(f));
        put(song, m.getProbabilityCol(), m.predictProbability(f));
        put(song, m.getPredictionCol(), m.predict(f));
      }
    };
  }

  /** mllib's IDFModel.transform: each term's count times its inverse document frequency. */
  private static Vector scaled(Vector v, double[] idf) {
    if (v instanceof SparseVector s) {
      double[] values = s.values().clone();
      for (int k = 0; k < values.length; k++) {
        values[k] *= idf[s.indices()[k]];
      }
      return Vectors.sparse(s.size(), s.indices().clone(), values);
    }
    double[] values = v.toArray();
    for (int i = 0; i < values.length; i++) {
      values[i] *= idf[i];
    }
    return Vectors.dense(values);
  }

  /** mllib's Normalizer.transform: divided by its p-norm, unless that norm is zero. */
  private static Vector normalised(Vector v, double p) {
    double norm = Vectors.norm(v, p);
    if (norm == 0.0) {
      return v;
    }
    if (v instanceof SparseVector s) {
      double[] values = s.values().clone();
      for (int k = 0; k < values.length; k++) {
        values[k] /= norm;
      }
      return Vectors.sparse(s.size(), s.indices().clone(), values);
    }
    double[] values = v.toArray();
    for (int i = 0; i < values.length; i++) {
      values[i] /= norm;
    }
    return Vectors.dense(values);
  }

  private static LocalStage map(String in, String out, java.util.function.Function<Object, Object> fn) {
    return songs -> {
      for (Map<String, Object> song : songs) {
        Object value = song.get(in);
        song.put(out, value == null ? null : fn.apply(value));
      }
    };
  }

  private static void put(Map<String, Object> song, String column, Object value) {
    if (column != null && !column.isEmpty()) {
      song.put(column, value);
    }
  }
}
