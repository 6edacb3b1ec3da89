package dev.songmood.stages;

import dev.songmood.encode.EncoderModel;
import dev.songmood.encode.OnnxEncoder;
import dev.songmood.encode.SongEncoding;
import dev.songmood.encode.finetuned.NamedTensors;
import dev.songmood.encode.finetuned.OnnxGraph;
import dev.songmood.encode.finetuned.QuadrantHeads;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * A fine-tuned model's heads as {@link FineTunedClassifier} saves them ({@code heads.bin}: the trained head tensors
 * and the valence/arousal standardisation they were trained with) and the columns they give for one song vector.
 */
public final class FineTunedHeads {
  /** The tensor holding {mean valence, mean arousal, scale valence, scale arousal}. */
  public static final String STANDARDISATION = "coordinates.standardisation";

  private FineTunedHeads() {}

  /** probability, prediction, valence, arousal of one song vector (all null for a song without tokens). */
  static Object[] columns(QuadrantHeads heads, float[] vector, boolean withCoordinates) {
    Object[] columns = new Object[4];
    if (vector == null) {
      return columns;
    }
    float[] p = heads.probabilities(vector);
    double[] probs = new double[p.length];
    int best = 0;
    for (int c = 0; c < p.length; c++) {
      probs[c] = p[c];
      best = p[c] > p[best] ? c : best;
    }
    columns[0] = Vectors.dense(probs);
    columns[1] = (double) best;
    if (withCoordinates) {
      double[] va = heads.coordinates(vector);
      columns[2] = va[0];
      columns[3] = va[1];
    }
    return columns;
  }

  /** The heads' valence/arousal standardisation: {mean, scale}. */
  static double[][] standardisation(NamedTensors heads) {
    float[] s = heads.get(STANDARDISATION).data();
    return new double[][] {{s[0], s[1]}, {s[2], s[3]}};
  }

  /** Head tensors plus the standardisation they were trained with, as saved in {@code heads.bin}. */
  public static NamedTensors heads(NamedTensors trained, double[] mean, double[] scale) {
    NamedTensors out = new NamedTensors();
    for (String n : QuadrantHeads.headNames()) {
      out.put(n, trained.get(n));
    }
    out.put(STANDARDISATION, new long[] {2, 2},
        new float[] {(float) mean[0], (float) mean[1], (float) scale[0], (float) scale[1]});
    return out;
  }

  /** The heads ready to score, their standardisation applied. */
  static QuadrantHeads of(NamedTensors saved) {
    double[][] s = standardisation(saved);
    return QuadrantHeads.of(saved, s[0], s[1]);
  }

  /**
   * Rows of {@code songs} (the first {@code width} columns, then one song vector or null) with the heads' four
   * columns in place of the vector: probability, prediction, valence, arousal.
   */
  static Dataset<Row> appendTo(Dataset<Row> songs, int width, StructType out, QuadrantHeads heads,
      boolean withCoordinates) {
    return songs.map((MapFunction<Row, Row>) row -> {
      Object[] values = new Object[width + 4];
      for (int i = 0; i < width; i++) {
        values[i] = row.get(i);
      }
      float[] vector = null;
      if (!row.isNullAt(width)) {
        double[] v = ((Vector) row.get(width)).toArray();
        vector = new float[v.length];
        for (int d = 0; d < v.length; d++) {
          vector[d] = (float) v[d];
        }
      }
      System.arraycopy(columns(heads, vector, withCoordinates), 0, values, width, 4);
      return RowFactory.create(values);
    }, Encoders.row(out));
  }

  /**
   * The fine-tuned encoder, cached per JVM: the base model's graph with the trained layers written in, on a GPU
   * when the task was given one. The one way executors' tasks and the driver's in-memory form open it.
   */
  static SongEncoding encoding(String base, String variant, NamedTensors layers, int threads, boolean gpu) {
    EncoderModel baseModel = EncoderModel.parse(base);
    return SongEncoding.of(OnnxEncoder.loadVariant(baseModel, variant,
        () -> OnnxGraph.of(baseModel).withWeights(layers), threads, gpu));
  }

  /** {@link #columns} into a song held in memory, under the names the stage's transform gives them. */
  static void putColumns(java.util.Map<String, Object> song, String prefix, QuadrantHeads heads, float[] vector,
      boolean withCoordinates) {
    Object[] columns = columns(heads, vector, withCoordinates);
    String[] names = {prefix + dev.songmood.input.Fields.PROBABILITY, prefix + dev.songmood.input.Fields.PREDICTION,
        FineTunedClassifier.VALENCE_COL, FineTunedClassifier.AROUSAL_COL};
    for (int c = 0; c < names.length; c++) {
      song.put(names[c], columns[c]);
    }
  }
}
