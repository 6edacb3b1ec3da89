package dev.songmood.playlist;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.when;

import dev.songmood.input.Fields;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Places every song of a predictions table on the playlist plane (valence x, arousal y, each -1..1, quadrant
 * boundaries at 0).
 *
 * <ul>
 *   <li>From the model's valence/arousal where the table has them (a model with a regression head). They are on the
 *       training labels' scale (MuSe's 1..9), so each axis is centred on the catalog's median and divided by half
 *       its 5th-95th percentile spread (both approximate, one pass), then clipped to -1..1.</li>
 *   <li>Otherwise from the quadrant probabilities: valence = P(Q1) + P(Q4) - P(Q2) - P(Q3) (positive minus
 *       negative valence), arousal = P(Q1) + P(Q2) - P(Q3) - P(Q4); a sure Q1 song sits at (1, 1), a song torn
 *       between Q1 and Q3 at the centre.</li>
 * </ul>
 */
final class PlanePosition {
  static final String VALENCE = "plane_valence";
  static final String AROUSAL = "plane_arousal";
  static final String SOURCE = "position_from";
  static final String[] PROBABILITIES = {"prob_q1", "prob_q2", "prob_q3", "prob_q4"};

  private PlanePosition() {
  }

  /** {@code songs} with {@link #VALENCE}, {@link #AROUSAL} and {@link #SOURCE} ("model" or "probabilities"). */
  static Dataset<Row> add(Dataset<Row> songs) {
    Column[] p = Arrays.stream(PROBABILITIES).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    Column fromProbsV = p[0].plus(p[3]).minus(p[1]).minus(p[2]);
    Column fromProbsA = p[0].plus(p[1]).minus(p[2]).minus(p[3]);
    Column v = fromProbsV;
    Column a = fromProbsA;
    Column source = lit("probabilities");
    if (hasCoordinates(songs)) {
      Row scale = songs.where(col(Fields.VALENCE).isNotNull().and(col(Fields.AROUSAL).isNotNull()))
          .agg(percentile_approx(col(Fields.VALENCE), lit(new double[] {0.05, 0.5, 0.95}), lit(10_000)),
              percentile_approx(col(Fields.AROUSAL), lit(new double[] {0.05, 0.5, 0.95}), lit(10_000)))
          .first();
      if (!scale.isNullAt(0)) {
        Column both = col(Fields.VALENCE).isNotNull().and(col(Fields.AROUSAL).isNotNull());
        v = when(both, normalised(col(Fields.VALENCE), scale.getList(0))).otherwise(fromProbsV);
        a = when(both, normalised(col(Fields.AROUSAL), scale.getList(1))).otherwise(fromProbsA);
        source = when(both, lit("model")).otherwise(source);
      }
    }
    return songs.withColumn(VALENCE, v).withColumn(AROUSAL, a).withColumn(SOURCE, source);
  }

  static boolean hasCoordinates(Dataset<Row> songs) {
    return Arrays.asList(songs.columns()).containsAll(java.util.List.of(Fields.VALENCE, Fields.AROUSAL));
  }

  /** (x - median) / (half the 5th-95th percentile spread), clipped to -1..1; null stays null. */
  private static Column normalised(Column x, java.util.List<Double> q) {
    double half = Math.max((q.get(2) - q.get(0)) / 2, 1e-9);
    return least(lit(1.0), greatest(lit(-1.0), x.minus(q.get(1)).divide(half)));
  }
}
