package dev.songmood.train;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.corr;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sum;

import dev.songmood.input.Fields;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** R^2 and Pearson correlation of the predicted valence and arousal, computed with Spark. */
public final class RegressionMetrics {
  private RegressionMetrics() {
  }

  public static Map<String, Double> of(Dataset<Row> predicted) {
    Map<String, Double> out = new LinkedHashMap<>();
    out.putAll(one(predicted, Fields.VALENCE, CoordinateSpec.VALENCE_HAT));
    out.putAll(one(predicted, Fields.AROUSAL, CoordinateSpec.AROUSAL_HAT));
    return out;
  }

  private static Map<String, Double> one(Dataset<Row> df, String truth, String predicted) {
    double mean = df.agg(avg(col(truth))).first().getDouble(0);
    Row r = df.agg(sum(pow(col(truth).minus(col(predicted)), 2)), sum(pow(col(truth).minus(mean), 2)),
        corr(col(truth), col(predicted))).first();
    Map<String, Double> out = new LinkedHashMap<>();
    out.put(truth + "_r2", 1 - r.getDouble(0) / r.getDouble(1));
    out.put(truth + "_pearson", r.getDouble(2));
    return out;
  }
}
