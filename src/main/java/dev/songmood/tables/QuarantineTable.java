package dev.songmood.tables;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;

import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;

/**
 * The quarantine table: the rejected rows of the latest run's input ({@link dev.songmood.songs.Quarantine} schema plus
 * a {@code fingerprint}), so it says what is wrong with the catalog as it stands. A row rejected before, for the same
 * reason and with the same content, keeps the run id and time it was first quarantined at; a run that finds the same
 * rejections as the table holds makes no commit. Earlier nights stay readable through Delta's time travel.
 */
public final class QuarantineTable {
  public static final String FINGERPRINT = "fingerprint";

  private final SparkSession spark;
  private final String path;
  private final Optional<DeltaTable> table;

  public QuarantineTable(SparkSession spark, String path) {
    this.spark = spark;
    this.path = path;
    this.table = DeltaTables.open(spark, path);
  }

  public String path() {
    return path;
  }

  /** Whether the table changed (false: the same rejections as already published, no commit). */
  public boolean publish(Dataset<Row> rejected) {
    // Counted, compared and written: computed once (the fingerprint's window is a shuffle).
    Dataset<Row> current = withFingerprint(rejected).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return publishFingerprinted(current);
    } finally {
      current.unpersist();
    }
  }

  private boolean publishFingerprinted(Dataset<Row> current) {
    if (table.isEmpty()) {
      current.write().format("delta").mode("errorifexists").save(path);
      return true;
    }
    Dataset<Row> before = table.get().toDF();
    // One query: a row only in the table or only tonight means the rejections changed.
    boolean same = current.select(col(FINGERPRINT).as("_now")).join(before.select(col(FINGERPRINT).as("_before")),
        col("_now").equalTo(col("_before")), "full_outer").where(col("_now").isNull().or(col("_before").isNull()))
        .isEmpty();
    if (same) {
      return false;
    }
    Dataset<Row> earlier = before.select(col(FINGERPRINT).as("_fingerprint"), col("run_id").as("_run_id"),
        col("source_row").as("_source_row"), col("quarantined_at").as("_quarantined_at"));
    List<Column> out = new ArrayList<>();
    for (String name : current.columns()) {
      switch (name) {
        case "run_id", "source_row", "quarantined_at" -> out.add(coalesce(col("_" + name), col(name)).as(name));
        default -> out.add(col(name));
      }
    }
    current.join(earlier, col(FINGERPRINT).equalTo(col("_fingerprint")), "left").select(out.toArray(new Column[0]))
        .write().format("delta").mode("overwrite").save(path);
    return true;
  }

  /**
   * Fingerprint: the reason, detail and whole record, plus which copy it is when the same record is rejected several
   * times, so every row has its own.
   */
  private static Dataset<Row> withFingerprint(Dataset<Row> rejected) {
    Column content = sha2(concat_ws("\u0001", col("reason"), coalesce(col("detail"), lit("")),
        coalesce(col("record"), lit(""))), 256);
    Column copy = row_number().over(Window.partitionBy(content).orderBy(col("source_row")));
    return rejected.withColumn(FINGERPRINT, concat_ws("#", content, copy.cast("string")));
  }
}
