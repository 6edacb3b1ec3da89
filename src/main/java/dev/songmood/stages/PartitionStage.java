package dev.songmood.stages;

import org.apache.spark.sql.Dataset;

/**
 * A stage whose work is a function over a partition's rows (the encoders), which a few rows on the driver can run
 * without a Spark job: see {@link PartitionWork}. Every other stage of a songmood model is a projection that Spark's
 * optimizer evaluates in place over local rows.
 */
public interface PartitionStage {
  /** The work over {@code dataset}'s rows; null when this stage cannot run that way as configured. */
  default PartitionWork work(Dataset<?> dataset) {
    return work(dataset, null);
  }

  /**
   * As {@link #work(Dataset)}, except that rows whose boolean column {@code skipCol} is true (null: none) are not
   * encoded: they get the columns of a zero song vector, valid input for the stages after whose answers for those
   * rows the caller discards ({@link EncoderCascade}).
   */
  PartitionWork work(Dataset<?> dataset, String skipCol);
}
