package dev.songmood.songs;

import dev.songmood.io.InputFormat;
import dev.songmood.io.StorageErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a catalog (CSV with multi-line quoted lyrics, JSON lines, or Parquet) without losing rows: malformed
 * CSV/JSON records are kept with their raw text in {@link #CORRUPT_COLUMN} so they can be quarantined, and every
 * row gets a {@link #ROW_COLUMN} number for tracing it back to the input.
 */
public final class CatalogReader {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogReader.class);

  /** Raw text of a record the parser could not read; null for good records. */
  public static final String CORRUPT_COLUMN = "_corrupt_record";
  /** A per-read unique, input-ordered row number. */
  public static final String ROW_COLUMN = "_row";

  private final SparkSession spark;

  public CatalogReader(SparkSession spark) {
    this.spark = spark;
  }

  /** Reads one or more paths (comma-separated in the CLI) of the same format. Fails before any work on a missing path. */
  public Dataset<Row> read(List<String> paths, InputFormat format) {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("no input path given");
    }
    InputFormat resolved = format.resolve(paths.get(0));
    for (String path : paths) {
      requireExists(path);
    }
    String[] p = paths.toArray(new String[0]);
    Dataset<Row> df;
    switch (resolved) {
      case CSV:
        df = readCsv(p);
        break;
      case JSON:
        df = spark.read()
            .option("mode", "PERMISSIVE")
            .option("columnNameOfCorruptRecord", CORRUPT_COLUMN)
            .json(p);
        break;
      default:
        df = spark.read().parquet(p);
    }
    LOG.info("reading {} as {} ({} columns)", paths, resolved, df.schema().size());
    return df.withColumn(ROW_COLUMN, functions.monotonically_increasing_id());
  }

  /**
   * CSV fields are read as text (types are checked later, per row, so a bad value quarantines one row instead of
   * failing the file); the header gives the column names.
   */
  private Dataset<Row> readCsv(String[] paths) {
    StructType header = spark.read()
        .option("header", true)
        .option("multiLine", true)
        .option("escape", "\"")
        .csv(paths)
        .schema();
    List<StructField> fields = new ArrayList<>();
    for (StructField f : header.fields()) {
      fields.add(DataTypes.createStructField(f.name(), DataTypes.StringType, true));
    }
    fields.add(DataTypes.createStructField(CORRUPT_COLUMN, DataTypes.StringType, true));
    return spark.read()
        .schema(DataTypes.createStructType(fields))
        .option("header", true)
        .option("multiLine", true)
        .option("escape", "\"")
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", CORRUPT_COLUMN)
        .csv(paths);
  }

  private void requireExists(String path) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      FileStatus[] matches = fs.globStatus(p);
      if (matches == null || matches.length == 0) {
        throw new IllegalArgumentException("input path does not exist: " + path);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw StorageErrors.before("read input path", path, e);
    }
  }
}
