package dev.songmood.stages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import dev.songmood.encode.EncoderModel;
import dev.songmood.encode.SongEncoding;
import dev.songmood.input.Fields;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The encoder stage with the real MiniLM int8 encoder from its Maven jar, on the executors and on the driver. */
class LyricsEncoderTest extends SparkTestBase {
  private static final String MODEL = "all-minilm-l6-v2-q";
  private static final StructType SCHEMA = new StructType().add(Fields.ID, DataTypes.StringType)
      .add(Fields.LYRICS, DataTypes.StringType);

  private Dataset<Row> songs() {
    return frame(SCHEMA, new Object[] {"a", "tears fall in the cold grey rain\nI walk alone and say goodbye"},
        new Object[] {"b", "tears fall in the cold grey rain\nI walk alone and say goodbye"},
        new Object[] {"c", "we dance all night under neon lights"}, new Object[] {"d", null});
  }

  private LyricsEncoder stage() {
    return new LyricsEncoder().setModel(MODEL).setChunkTokens(16).setInputCol(Fields.LYRICS);
  }

  @Test
  void unitVectorsPinnedToTheWeightsAndTheSameOnTheDriver() {
    LyricsEncoder stage = stage();
    List<Row> rows = stage.transform(songs()).orderBy(Fields.ID).collectAsList();
    double[] a = rows.get(0).<Vector>getAs(Fields.EMBEDDING).toArray();
    assertEquals(EncoderModel.DIMENSION, a.length);
    assertEquals(1.0, java.util.Arrays.stream(a).map(x -> x * x).sum(), 1e-5, "unit length");
    assertArrayEquals(a, rows.get(1).<Vector>getAs(Fields.EMBEDDING).toArray(), 0.0, "same text, same vector");
    double cosine = 0;
    double[] c = rows.get(2).<Vector>getAs(Fields.EMBEDDING).toArray();
    for (int i = 0; i < a.length; i++) {
      cosine += a[i] * c[i];
    }
    assertTrue(cosine < 0.9, "different lyrics, different vectors: cosine " + cosine);
    assertNull(rows.get(3).getAs(Fields.EMBEDDING), "no lyrics, no vector");
    assertEquals(SongEncoding.weightsSha256(EncoderModel.parse(MODEL)), stage.getOrDefault(stage.weightsSha256()));

    Map<String, Object> song = new HashMap<>();
    song.put(Fields.LYRICS, "tears fall in the cold grey rain\nI walk alone and say goodbye");
    stage.applyLocally(new java.util.ArrayList<>(List.of(song)));
    assertArrayEquals(a, ((Vector) song.get(Fields.EMBEDDING)).toArray(), 1e-6, "driver path = executor path");
  }

  @Test
  void survivesSaveAndLoadAndRefusesOtherWeights() {
    LyricsEncoder stage = stage();
    stage.transform(songs()).count();  // pins the weights' checksum, which the saved stage carries
    StageRoundTrip.check(stage, tmp, LyricsEncoder::load, songs(), Fields.ID);
    LyricsEncoder fresh = stage();
    LyricsEncoder other = fresh.copy(new ParamMap().put(fresh.weightsSha256(), "0".repeat(64)));
    Exception e = assertThrows(Exception.class, () -> other.transform(songs()).count());
    assertTrue(String.valueOf(e.getMessage()).contains("but the model was trained with " + "0".repeat(64)),
        e.getMessage());
  }
}
