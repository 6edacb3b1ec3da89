package dev.songmood.stages;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A stage's work as a function over rows: Spark runs it on the executors, once per partition
 * ({@link #onExecutors}); a handful of rows already on the driver ({@code serve}, {@code predict}) run it in place
 * ({@link #onDriver}), the same function, with no Spark job. The function is the stage's whole work, so both ways
 * give the same rows.
 *
 * @param input the stage's input, with any stale output column already dropped
 * @param function what one partition's rows become
 * @param schema the output rows' schema
 */
public record PartitionWork(Dataset<Row> input, MapPartitionsFunction<Row, Row> function, StructType schema) {

  /** The distributed way: {@code mapPartitions}. */
  public Dataset<Row> onExecutors() {
    return input.mapPartitions(function, Encoders.row(schema));
  }

  /**
   * Collects the input (which must be small, and cheap to compute: rows over a local relation), runs the function
   * on this thread, and returns its rows as a local relation for the next stage.
   */
  public Dataset<Row> onDriver() {
    List<Row> out = new ArrayList<>();
    try {
      function.call(input.collectAsList().iterator()).forEachRemaining(out::add);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    return input.sparkSession().createDataFrame(out, schema);
  }
}
