package dev.songmood.cli;

import dev.songmood.input.Columns;
import dev.songmood.input.InputSpec;
import dev.songmood.io.OutputLocation;
import dev.songmood.io.RunLock;
import dev.songmood.io.StorageErrors;
import dev.songmood.model.EmotionModel;
import dev.songmood.model.ModelDirectory;
import dev.songmood.model.Provenance;
import dev.songmood.songs.CatalogFiles;
import dev.songmood.tables.TableFormat;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * The checks a command line gets before a Spark session starts, so that a wrong path or column fails in seconds:
 * the input files ({@link CatalogFiles}: existence, permissions, format, a CSV header's id and lyrics columns), the
 * model directory, and the output directory. Hadoop is configured as Spark would configure it ({@code spark.hadoop.*}
 * settings, the AWS environment), so {@code s3a://} paths are checked with the run's own settings; a session that is
 * already running (a test's, a notebook's) lends its own.
 */
final class Preflight {
  private final Configuration hadoop;
  private CatalogFiles.Plan plan;

  Preflight() {
    Option<SparkSession> running = SparkSession.getDefaultSession();
    this.hadoop = running.isDefined() ? running.get().sparkContext().hadoopConfiguration()
        : SparkHadoopUtil.get().newConfiguration(new SparkConf());
  }

  /** Checks the input; for CSV also that the id and lyrics columns are there. */
  Preflight input(InputSpec input) {
    headerSchema(input).ifPresent(schema -> {
      Columns.require(input.columns().id(schema), "id", Columns.ID_CANDIDATES, schema);
      Columns.require(input.columns().lyrics(schema), "lyrics", Columns.LYRICS_CANDIDATES, schema);
    });
    return this;
  }

  /** fetch-lyrics' input: the files, and for CSV that the artist and title columns are there (lyrics may not be). */
  Preflight fetchInput(InputSpec input) {
    headerSchema(input).ifPresent(schema -> {
      Columns.require(input.columns().artist(schema), "artist", Columns.ARTIST_CANDIDATES, schema);
      Columns.require(input.columns().title(schema), "title", Columns.TITLE_CANDIDATES, schema);
    });
    return this;
  }

  /** The input's files checked; a CSV header's columns as a schema of text columns (empty for other formats). */
  private java.util.Optional<StructType> headerSchema(InputSpec input) {
    plan = CatalogFiles.inspect(hadoop, input.paths(), input.format(), input.read());
    List<String> header = plan.header(hadoop);
    if (header.isEmpty()) {
      return java.util.Optional.empty();
    }
    StructType schema = new StructType();
    for (String name : header) {
      schema = schema.add(name, DataTypes.StringType);
    }
    return java.util.Optional.of(schema);
  }

  /**
   * The input as {@link #input} inspected it: the run's one listing of its files, for the job to read
   * ({@code LabelJob.run(spark, config, plan)}) instead of listing them again; null before {@link #input}.
   */
  CatalogFiles.Plan plan() {
    return plan;
  }

  /** Checks that {@code dir} looks like a saved model (the full check loads it, with Spark). */
  Preflight model(String dir) {
    try {
      ModelDirectory.require(new Path(dir).getFileSystem(hadoop), dir);
      return this;
    } catch (IOException e) {
      throw StorageErrors.before("read the model", dir, e);
    }
  }

  /** The model's provenance, read without Spark (after {@link #model}): what its own files say about it. */
  Provenance provenance(String dir) {
    Path file = new Path(dir, EmotionModel.PROVENANCE_FILE);
    try (java.io.InputStream in = file.getFileSystem(hadoop).open(file)) {
      return Provenance.fromJson(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw StorageErrors.before("read the model", dir, e);
    }
  }

  /** Checks that {@code dir} holds a Delta table (its {@code _delta_log/}). */
  Preflight table(String dir) {
    try {
      Path log = new Path(dir, "_delta_log");
      if (!log.getFileSystem(hadoop).exists(log)) {
        throw new IllegalArgumentException("no Delta table at " + dir + " (no _delta_log/): nothing to restore");
      }
      return this;
    } catch (IOException e) {
      throw StorageErrors.before("read the table", dir, e);
    }
  }

  /** Checks that the output directory can be created or written. */
  Preflight out(String dir) {
    OutputLocation.requireWritable(hadoop, "--out", dir);
    return this;
  }

  /** The format of the table at {@code path} ({@link TableFormat}): a missing or unreadable one fails here. */
  String tableFormat(String what, String path) {
    return TableFormat.detect(hadoop, what, path);
  }

  /** Checks that no live run holds the output's lock ({@link RunLock#requireFree}): a busy --out exits 2 at once. */
  Preflight unlocked(String dir, int staleSeconds) {
    RunLock.requireFree(hadoop, dir, java.time.Duration.ofSeconds(staleSeconds));
    return this;
  }
}
