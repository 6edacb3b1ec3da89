package dev.songmood.songs;

import dev.songmood.input.InputFormat;
import dev.songmood.input.ReadOptions;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.DataFrameReader;
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

  /**
   * Reads one or more paths (comma-separated in the CLI) of one format. Inspects them first ({@link CatalogFiles}):
   * a missing, unreadable or wrongly formatted input fails before any work, with a message that names the file.
   */
  public Dataset<Row> read(List<String> paths, InputFormat format, ReadOptions options) {
    return read(CatalogFiles.inspect(spark.sparkContext().hadoopConfiguration(), paths, format, options));
  }

  /** Reads an input already inspected (the run's one listing of it, made before Spark started). */
  public Dataset<Row> read(CatalogFiles.Plan plan) {
    List<String> paths = plan.input();
    String[] p = plan.paths().toArray(new String[0]);
    Dataset<Row> df;
    try {
      switch (plan.format()) {
        case CSV:
          df = readCsv(p, plan);
          break;
        case JSON:
          df = spark.read()
              .option("mode", "PERMISSIVE")
              .option("multiLine", plan.multiLineJson())
              .option("columnNameOfCorruptRecord", CORRUPT_COLUMN)
              .json(p);
          if (df.schema().size() == 1 && df.schema().fieldNames()[0].equals(CORRUPT_COLUMN)) {
            throw new IllegalArgumentException("no line of " + paths + " is a JSON object: the input is not JSON "
                + "lines (one object per line); for one JSON document per file use --multiline");
          }
          break;
        default:
          df = spark.read().parquet(p);
      }
    } catch (Exception e) {  // Spark's AnalysisException too, which Scala throws undeclared
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      if (first.contains("Unable to infer schema")) {
        throw new IllegalArgumentException(paths + " has no columns Spark can read (" + first + "): there is nothing "
            + "to label", e);
      }
      throw new IllegalArgumentException("cannot read " + paths + " as " + plan.format() + ": " + first, e);
    }
    if (df.schema().isEmpty()) {
      throw new IllegalArgumentException(paths + " has no columns (a Parquet file written without any): there is "
          + "nothing to label");
    }
    LOG.info("reading {} as {} ({} file{}, {} columns{}{})", paths, plan.format(), plan.files().size(),
        plan.files().size() == 1 ? "" : "s",
        dev.songmood.input.Columns.userColumns(df.schema()).size(), plan.encoding() == null ? "" : ", " + plan.encoding(),
        plan.delimiter() == null || plan.delimiter().equals(",") ? ""
            : ", delimiter " + (plan.delimiter().equals("\t") ? "tab" : "'" + plan.delimiter() + "'"));
    return df.withColumn(ROW_COLUMN, functions.monotonically_increasing_id());
  }

  /**
   * CSV fields are read as text (types are checked later, per row, so a bad value quarantines one row instead of
   * failing the file); the header gives the column names. A file with an unclosed quote is refused first: past it,
   * the parser cannot tell one song's text from the next song's.
   */
  private Dataset<Row> readCsv(String[] paths, CatalogFiles.Plan plan) {
    if (plan.encoding() == null) {
      UnclosedQuotes.require(spark, paths, plan.delimiter());
    }
    StructType header = csv(plan).csv(paths).schema();
    String first = plan.files().get(0);
    CsvHeader.requireDistinct(header.fieldNames(), () -> csv(plan).option("header", false).csv(first).first(), first);
    List<StructField> fields = new ArrayList<>();
    for (StructField f : header.fields()) {
      fields.add(DataTypes.createStructField(f.name(), DataTypes.StringType, true));
    }
    fields.add(DataTypes.createStructField(CORRUPT_COLUMN, DataTypes.StringType, true));
    return csv(plan)
        .schema(DataTypes.createStructType(fields))
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", CORRUPT_COLUMN)
        .csv(paths);
  }

  private DataFrameReader csv(CatalogFiles.Plan plan) {
    DataFrameReader reader = spark.read()
        .option("header", true)
        .option("multiLine", true)
        .option("escape", "\"")
        .option("sep", plan.delimiter())
        .option("maxColumns", ReadOptions.MAX_CSV_COLUMNS);
    return plan.encoding() == null ? reader : reader.option("encoding", plan.encoding());
  }
}
