package dev.songmood.tables;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;

/**
 * {@code fetch-lyrics}' cache: one row per provider answer that will not change by asking again (lyrics found, not
 * found, instrumental), keyed by provider + normalised artist + title, appended batch by batch as a run goes (each
 * append one Delta commit), so a killed run keeps what it fetched and no song is asked twice, night after night.
 * Failures (429, 5xx, timeouts, bad answers) are not cached: the next run asks again.
 */
public final class LyricsCacheTable {
  public static final String PROVIDER = "provider";
  public static final String ARTIST_KEY = "artist_key";
  public static final String TITLE_KEY = "title_key";
  public static final String STATUS = "status";
  public static final String FETCHED_AT = "fetched_at";

  private final SparkSession spark;
  private final String path;
  private Optional<DeltaTable> table;

  public LyricsCacheTable(SparkSession spark, String path) {
    this.spark = spark;
    this.path = path;
    this.table = DeltaTables.open(spark, path);
  }

  public String path() {
    return path;
  }

  /** Appends these answers (their {@code status} among {@code definitive}) in one commit; the others are left out. */
  public void append(Dataset<Row> answers, List<String> definitive) {
    answers.where(col(STATUS).isin(definitive.toArray())).write().format("delta").mode("append").save(path);
    if (table.isEmpty()) {
      table = Optional.of(DeltaTable.forPath(spark, path));
    }
  }

  /** The provider's answers, the latest per key; empty (with {@code schema}) before the first append. */
  public Dataset<Row> answers(String provider, StructType schema) {
    if (table.isEmpty()) {
      return spark.createDataFrame(List.of(), schema);
    }
    // Read afresh each time: the run appends between two reads, and each read must see those commits.
    return spark.read().format("delta").load(path).where(col(PROVIDER).equalTo(provider))
        .withColumn("_n", row_number().over(Window.partitionBy(ARTIST_KEY, TITLE_KEY)
            .orderBy(col(FETCHED_AT).desc())))
        .where(col("_n").equalTo(1)).drop("_n");
  }
}
