package dev.songmood.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import dev.songmood.input.Fields;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The valence/arousal heads every shipped model gets: fitted on its song vectors, estimates on the label scale. */
class CoordinateHeadsTest extends SparkTestBase {
  private static final StructType SCHEMA = new StructType().add(Fields.ID, DataTypes.StringType)
      .add(Fields.EMBEDDING, SQLDataTypes.VectorType()).add("tfidf_features", SQLDataTypes.VectorType())
      .add(Fields.VALENCE, DataTypes.DoubleType).add(Fields.AROUSAL, DataTypes.DoubleType);

  /** valence = 5 + 2 x0, arousal = 4 - x1 (plus a little noise), on the 1..9 scale. */
  private Dataset<Row> songs(int n, long seed) {
    Random r = new Random(seed);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double x0 = r.nextGaussian();
      double x1 = r.nextGaussian();
      rows.add(new Object[] {"s" + i, Vectors.dense(x0, x1, r.nextGaussian()), Vectors.dense(r.nextGaussian()),
          5 + 2 * x0 + 0.05 * r.nextGaussian(), 4 - x1 + 0.05 * r.nextGaussian()});
    }
    return frame(SCHEMA, rows.toArray(new Object[0][]));
  }

  @Test
  void theHeadsReadTheEncoderVectorAndEstimateOnTheLabelScale() {
    PipelineModel classifier = new PipelineModel("none", new Transformer[0]);
    PipelineModel withHeads = CoordinateHeads.append(classifier, songs(400, 1));
    java.util.Map<String, Double> m = RegressionMetrics.of(withHeads.transform(songs(300, 99)));
    // Valence and arousal are each one column of the vector: ridge on standardised vectors shrinks the slopes a
    // little, so the fit is near but not at the noise-free 1.0. The third column and the TF-IDF vector carry nothing.
    assertEquals(1.0, m.get("valence_pearson"), 0.01);
    assertEquals(1.0, m.get("arousal_pearson"), 0.01);
    assertTrue(m.get("valence_r2") > 0.8 && m.get("arousal_r2") > 0.8, m.toString());
    assertSame(withHeads, CoordinateHeads.append(withHeads, songs(50, 2)), "a model that estimates them is kept");
  }

  @Test
  void theFeaturesColumnIsTheEncodersElseAVectorNamedFeatures() {
    assertEquals(Fields.EMBEDDING, CoordinateHeads.featuresColumn(SCHEMA));
    StructType noEncoder = new StructType().add("id", DataTypes.StringType)
        .add("tfidf_features", SQLDataTypes.VectorType()).add("features_text", DataTypes.StringType);
    assertEquals("tfidf_features", CoordinateHeads.featuresColumn(noEncoder));
    assertNull(CoordinateHeads.featuresColumn(new StructType().add("features", DataTypes.StringType)));
  }
}
