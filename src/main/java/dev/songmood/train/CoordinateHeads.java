package dev.songmood.train;

import dev.songmood.input.Fields;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Valence and arousal for every model: two ridge regressions on the model's own song features (the encoder's vector
 * when it has one, else its TF-IDF vector), appended after the classifier. The quadrant stays the classifier's; the
 * predictions' {@code valence} and {@code arousal} get the model's estimates on the labels' own scale (MuSe: 1..9),
 * and the report their held-out error. Lyrics tell valence far better than arousal (published R² for arousal from
 * lyrics is near 0), and the report says how well each was estimated.
 */
final class CoordinateHeads {
  /**
   * L2 regularisation of both regressions, on standardised features: the middle of encoder-coordinates' grid. Lyrics
   * explain little of either coordinate, and ridge keeps the estimates near the centre where the evidence is weak.
   */
  static final double REG_PARAM = 0.1;

  private CoordinateHeads() {
  }

  /**
   * {@code fitted} followed by the two regressions, fitted on {@code rows} (with valence and arousal labels); the
   * same model when it already estimates them or has no vector column to read.
   */
  static PipelineModel append(PipelineModel fitted, Dataset<Row> rows) {
    Dataset<Row> out = fitted.transform(rows);
    List<String> columns = Arrays.asList(out.columns());
    String features = featuresColumn(out.schema());
    if (columns.contains(CoordinateSpec.VALENCE_HAT) || features == null) {
      return fitted;
    }
    Dataset<Row> labelled = out.where(out.col(Fields.VALENCE).isNotNull().and(out.col(Fields.AROUSAL).isNotNull()));
    LinearRegressionModel valence = regression(features, Fields.VALENCE, CoordinateSpec.VALENCE_HAT).fit(labelled);
    LinearRegressionModel arousal = regression(features, Fields.AROUSAL, CoordinateSpec.AROUSAL_HAT).fit(labelled);
    return new PipelineModel(fitted.uid() + "_coordinates", List.<Transformer>of(fitted, valence, arousal));
  }

  /** The encoder's song vector if the rows have one, else the first vector column named like features. */
  static String featuresColumn(StructType schema) {
    if (Arrays.asList(schema.fieldNames()).contains(Fields.EMBEDDING)) {
      return Fields.EMBEDDING;
    }
    for (StructField f : schema.fields()) {
      if (f.name().endsWith("features") && f.dataType().equals(SQLDataTypes.VectorType())) {
        return f.name();
      }
    }
    return null;
  }

  private static LinearRegression regression(String features, String label, String output) {
    return new LinearRegression().setFeaturesCol(features).setLabelCol(label).setPredictionCol(output)
        .setRegParam(REG_PARAM).setElasticNetParam(0.0).setStandardization(true);
  }
}
