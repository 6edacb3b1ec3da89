package dev.songmood.stages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.songmood.SparkTestBase;
import dev.songmood.encode.finetuned.NamedTensors;
import dev.songmood.encode.finetuned.QuadrantHeads;
import dev.songmood.input.Fields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * A fine-tuned model's heads as saved ({@code heads.bin}: head tensors plus the valence/arousal standardisation) and
 * the four columns they give a song vector, worked out by hand for 4-dimensional vectors (the heads scale a vector
 * by sqrt(4) = 2 before their affine maps).
 */
class FineTunedHeadsTest extends SparkTestBase {
  private static final long[] SQUARE = {4, 4};
  /** Quadrant logits = 2x (identity weights, no bias); valence = 2 x1 + 0.1, arousal = 2 x2, standardised. */
  private static final float[] X = {0.5f, 0.25f, -0.5f, 0f};

  private static NamedTensors trained() {
    float[] identity = new float[16];
    for (int i = 0; i < 4; i++) {
      identity[i * 5] = 1f;
    }
    return new NamedTensors()
        .put(QuadrantHeads.QUADRANT_WEIGHT, SQUARE, identity)
        .put(QuadrantHeads.QUADRANT_BIAS, new long[] {4}, new float[4])
        .put(QuadrantHeads.COORDINATES_WEIGHT, new long[] {2, 4}, new float[] {0, 1, 0, 0, 0, 0, 1, 0})
        .put(QuadrantHeads.COORDINATES_BIAS, new long[] {2}, new float[] {0.1f, 0f})
        .put("encoder.layer.0.output.dense.weight", SQUARE, identity);
  }

  /** Saved with mean (5, 4) and scale (2, 1.5), written to bytes and read back as heads.bin is. */
  private static NamedTensors saved() {
    NamedTensors heads = FineTunedHeads.heads(trained(), new double[] {5, 4}, new double[] {2, 1.5});
    return NamedTensors.fromBytes(heads.toBytes());
  }

  @Test
  void savedHeadsKeepOnlyTheHeadsAndTheirStandardisation() {
    NamedTensors saved = saved();
    List<String> names = new ArrayList<>(QuadrantHeads.headNames());
    names.add(FineTunedHeads.STANDARDISATION);
    assertEquals(names.stream().sorted().toList(), saved.names().stream().sorted().toList());
    double[][] s = FineTunedHeads.standardisation(saved);
    assertArrayEquals(new double[] {5, 4}, s[0]);
    assertArrayEquals(new double[] {2, 1.5}, s[1]);
  }

  @Test
  void columnsOfASongVectorByHand() {
    QuadrantHeads heads = FineTunedHeads.of(saved());
    Object[] c = FineTunedHeads.columns(heads, X, true);
    // logits 2x = (1, 0.5, -1, 0): softmax
    double sum = Math.exp(1) + Math.exp(0.5) + Math.exp(-1) + Math.exp(0);
    double[] p = {Math.exp(1) / sum, Math.exp(0.5) / sum, Math.exp(-1) / sum, 1 / sum};
    assertArrayEquals(p, ((Vector) c[0]).toArray(), 1e-6);
    assertEquals(0.0, c[1]);
    // standardised (2 * 0.25 + 0.1, 2 * -0.5) = (0.6, -1) -> (0.6 * 2 + 5, -1 * 1.5 + 4)
    assertEquals(6.2, (double) c[2], 1e-6);
    assertEquals(2.5, (double) c[3], 1e-6);

    Object[] withoutCoordinates = FineTunedHeads.columns(heads, X, false);
    assertEquals(c[1], withoutCoordinates[1]);
    assertNull(withoutCoordinates[2]);
    assertNull(withoutCoordinates[3]);
    assertArrayEquals(new Object[4], FineTunedHeads.columns(heads, null, true), "a song without tokens");
  }

  @Test
  void rowsAndSongsInMemoryGetTheSameColumns() {
    QuadrantHeads heads = FineTunedHeads.of(saved());
    double[] x = {0.5, 0.25, -0.5, 0};
    StructType in = new StructType().add(Fields.ID, DataTypes.StringType).add("v", SQLDataTypes.VectorType());
    StructType out = new StructType().add(Fields.ID, DataTypes.StringType)
        .add(Fields.PROBABILITY, SQLDataTypes.VectorType()).add(Fields.PREDICTION, DataTypes.DoubleType)
        .add(FineTunedClassifier.VALENCE_COL, DataTypes.DoubleType)
        .add(FineTunedClassifier.AROUSAL_COL, DataTypes.DoubleType);
    List<Row> rows = FineTunedHeads.appendTo(frame(in, new Object[] {"a", Vectors.dense(x)},
        new Object[] {"b", null}), 1, out, heads, true).orderBy(Fields.ID).collectAsList();
    Object[] want = FineTunedHeads.columns(heads, X, true);
    for (int i = 0; i < 4; i++) {
      assertEquals(want[i], rows.get(0).get(i + 1), out.fields()[i + 1].name());
      assertNull(rows.get(1).get(i + 1));
    }
    Map<String, Object> song = new HashMap<>();
    FineTunedHeads.putColumns(song, "ft_", heads, X, true);
    assertEquals(want[0], song.get("ft_" + Fields.PROBABILITY));
    assertEquals(want[1], song.get("ft_" + Fields.PREDICTION));
    assertEquals(want[2], song.get(FineTunedClassifier.VALENCE_COL));
  }
}
