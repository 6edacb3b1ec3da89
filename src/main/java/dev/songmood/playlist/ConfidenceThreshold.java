package dev.songmood.playlist;

import static org.apache.spark.sql.functions.col;

import dev.songmood.model.EmotionModel;
import dev.songmood.model.Provenance;
import dev.songmood.io.HadoopFiles;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lowest confidence a playlist keeps, and whence it came. Given on the command line, it is used as is. Otherwise
 * it is read from the model that labelled the table, in this order:
 * <ol>
 *   <li>its provenance's accuracy-at-coverage table: the confidence threshold that keeps the most confident
 *       {@value PlaylistConfig#COVERAGE_DEFAULT} of the validation songs;</li>
 *   <li>its calibration: a calibrated confidence is the chance the quadrant is right, so the model's held-out
 *       accuracy (its average chance of being right) keeps the songs it is surer of than of its average song;</li>
 *   <li>else {@link PlaylistConfig#MIN_CONFIDENCE_DEFAULT}, said in a log line (an older model, no model found, or
 *       the table labelled by another model, whose threshold would mean nothing here).</li>
 * </ol>
 */
record ConfidenceThreshold(double value, String from) {
  private static final Logger LOG = LoggerFactory.getLogger(ConfidenceThreshold.class);
  static final String GIVEN = "--min-confidence";
  static final String DEFAULT = "default";

  /** The threshold for {@code config} over {@code table} (a predictions table, read by {@link PlaylistJob}). */
  static ConfidenceThreshold resolve(SparkSession spark, PlaylistConfig config, Dataset<Row> table) {
    if (config.minConfidence() != null) {
      return new ConfidenceThreshold(config.minConfidence(), GIVEN);
    }
    Optional<Provenance> provenance = provenance(spark, config.model());
    String why;
    if (provenance.isEmpty()) {
      why = "no model at " + config.model();
    } else if (!labelledBy(table, provenance.get().version())) {
      why = "the table was not labelled by " + provenance.get().version() + " (" + config.model() + ")";
    } else {
      Optional<ConfidenceThreshold> fromModel = of(provenance.get());
      if (fromModel.isPresent()) {
        LOG.info("playlist: minimum confidence {} from the model's {}", String.format(Locale.ROOT, "%.4f",
            fromModel.get().value()), fromModel.get().from());
        return fromModel.get();
      }
      why = "the model " + provenance.get().version() + " records neither a coverage table nor a calibration";
    }
    LOG.info("playlist: minimum confidence {} (the fixed default: {}); give --min-confidence to choose",
        PlaylistConfig.MIN_CONFIDENCE_DEFAULT, why);
    return new ConfidenceThreshold(PlaylistConfig.MIN_CONFIDENCE_DEFAULT, DEFAULT);
  }

  /** The threshold a model's provenance gives: its coverage row, else its calibrated held-out accuracy. */
  static Optional<ConfidenceThreshold> of(Provenance p) {
    if (p.get("coverage") instanceof Map<?, ?> coverage && coverage.get("rows") instanceof List<?> rows) {
      for (Object r : rows) {
        if (r instanceof Map<?, ?> row && number(row.get("coverage")).orElse(-1.0) == PlaylistConfig.COVERAGE_DEFAULT
            && number(row.get("threshold")).isPresent()) {
          return Optional.of(new ConfidenceThreshold(number(row.get("threshold")).get(),
              "coverage " + PlaylistConfig.COVERAGE_DEFAULT + " of its " + coverage.get("split") + " songs"));
        }
      }
    }
    if (p.get("calibration") instanceof Map<?, ?> && p.get("held_out") instanceof Map<?, ?> heldOut
        && number(heldOut.get("accuracy")).isPresent()) {
      return Optional.of(new ConfidenceThreshold(number(heldOut.get("accuracy")).get(),
          "calibration (its held-out accuracy)"));
    }
    return Optional.empty();
  }

  private static Optional<Double> number(Object o) {
    return o instanceof Number n ? Optional.of(n.doubleValue()) : Optional.empty();
  }

  private static Optional<Provenance> provenance(SparkSession spark, String modelDir) {
    if (modelDir == null) {
      return Optional.empty();
    }
    HadoopFiles files = new HadoopFiles(spark);
    String path = modelDir + "/" + EmotionModel.PROVENANCE_FILE;
    return files.exists(path) ? Optional.of(Provenance.fromJson(files.readText(path))) : Optional.empty();
  }

  /** Whether the table's songs were labelled by {@code version} (with or without the lyrics-only suffix). */
  private static boolean labelledBy(Dataset<Row> table, String version) {
    if (!Arrays.asList(table.columns()).contains("model_version")) {
      return true;  // a table without the column (written by hand): nothing says otherwise
    }
    List<Row> versions = table.select(col("model_version")).where(col("model_version").isNotNull()).distinct()
        .limit(16).collectAsList();
    return versions.stream().map(r -> r.getString(0).replace(EmotionModel.LYRICS_ONLY, ""))
        .anyMatch(version.replace(EmotionModel.LYRICS_ONLY, "")::equals);
  }
}
