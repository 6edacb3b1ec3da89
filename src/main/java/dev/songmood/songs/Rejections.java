package dev.songmood.songs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.songmood.input.Fields;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Marks rows as rejected; the first reason found for a row wins, so each rejected row has exactly one reason. */
public final class Rejections {
  private Rejections() {
  }

  public static Dataset<Row> mark(Dataset<Row> df, Column condition, String reason, Column detail) {
    Column fresh = col(Fields.REJECT_REASON).isNull().and(condition);
    return df
        .withColumn(Fields.REJECT_DETAIL, when(fresh, detail).otherwise(col(Fields.REJECT_DETAIL)))
        .withColumn(Fields.REJECT_REASON, when(fresh, lit(reason)).otherwise(col(Fields.REJECT_REASON)));
  }
}
