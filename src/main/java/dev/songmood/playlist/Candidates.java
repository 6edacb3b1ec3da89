package dev.songmood.playlist;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sqrt;

import dev.songmood.input.Fields;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The nearest songs of every waypoint, found by Spark: the eligible songs are joined with the (broadcast, few)
 * waypoints, and a window per waypoint keeps the {@code perWaypoint} nearest (ties broken by id, so runs repeat).
 * Only waypoints x perWaypoint rows reach the driver; the catalog never does.
 */
final class Candidates {
  private Candidates() {
  }

  /** Nearest first, one list per waypoint (index = step). */
  static List<List<Song>> nearest(SparkSession spark, Dataset<Row> positioned, List<MoodPoint> waypoints,
      int perWaypoint) {
    List<Row> points = new ArrayList<>();
    for (int i = 0; i < waypoints.size(); i++) {
      points.add(RowFactory.create(i, waypoints.get(i).valence(), waypoints.get(i).arousal()));
    }
    Dataset<Row> steps = spark.createDataFrame(points, new StructType().add("step", DataTypes.IntegerType)
        .add("wv", DataTypes.DoubleType).add("wa", DataTypes.DoubleType));
    Column dv = col(PlanePosition.VALENCE).minus(col("wv"));
    Column da = col(PlanePosition.AROUSAL).minus(col("wa"));
    Column distance = sqrt(dv.multiply(dv).plus(da.multiply(da)));
    Dataset<Row> ranked = positioned.crossJoin(broadcast(steps)).withColumn("distance", distance)
        .withColumn("rank", row_number().over(Window.partitionBy("step").orderBy(col("distance"), col(Fields.ID))))
        .where(col("rank").leq(perWaypoint));
    List<String> columns = java.util.Arrays.asList(positioned.columns());
    Dataset<Row> out = ranked.select(col("step"), col("rank"), col(Fields.ID).cast("string"),
        text(columns, Fields.ARTIST), text(columns, Fields.TITLE), text(columns, "quadrant_name"),
        text(columns, "mood"), col("confidence"), col(PlanePosition.VALENCE), col(PlanePosition.AROUSAL),
        col(PlanePosition.SOURCE), col("distance"));
    List<List<Song>> lists = new ArrayList<>();
    for (int i = 0; i < waypoints.size(); i++) {
      lists.add(new ArrayList<>());
    }
    for (Row r : out.orderBy("step", "rank").collectAsList()) {
      lists.get(r.getInt(0)).add(new Song(r.getInt(0), r.getString(2), r.getString(3), r.getString(4),
          r.getString(5), r.getString(6), r.getDouble(7), r.getDouble(8), r.getDouble(9), r.getString(10),
          r.getDouble(11)));
    }
    return lists;
  }

  private static Column text(List<String> columns, String name) {
    return (columns.contains(name) ? col(name) : lit(null)).cast("string").as(name);
  }
}
