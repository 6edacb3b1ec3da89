package dev.songmood.evaluate;

import dev.songmood.input.Fields;
import dev.songmood.metrics.CalibrationMetrics;
import dev.songmood.metrics.CoverageMetrics;
import dev.songmood.model.EmotionModel;
import dev.songmood.model.Provenance;
import dev.songmood.stages.ProbabilityCalibrator;
import dev.songmood.stages.TemperatureFit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code evaluate --recalibrate}: refits only the model's calibration (one temperature, {@link TemperatureFit}) on the
 * evaluated songs, a labelled sample of the user's own catalog, and makes a new model version that says on what it
 * was calibrated. The fit's own songs flatter it, so the ECE reported for the new calibration is cross-fitted: each
 * half of the songs (by a hash of the id) scaled by the temperature fitted on the other half; so is the coverage
 * table the new version carries for {@code --coverage}.
 */
final class Recalibration {
  private static final Logger LOG = LoggerFactory.getLogger(Recalibration.class);
  /** The series of the report's calibration table for the new calibration (cross-fitted). */
  static final String RECALIBRATED = "recalibrated (cross-fitted)";
  /** Fewest labelled songs to recalibrate on: below this the temperature is the prior's more than the songs'. */
  static final int MIN_SONGS = 100;

  /** The new model and what its calibration does on the songs it was fitted on, cross-fitted. */
  record Result(EmotionModel model, TemperatureFit.Fitted fit, CalibrationMetrics.Result crossFitted) {
  }

  private Recalibration() {
  }

  /**
   * Fits the temperature to {@code raw} (the model's uncalibrated probabilities of labelled songs) and returns the
   * model with it in place of its own calibration, versioned {@code <version>+recal-<runId>}.
   */
  static Result fit(EmotionModel model, Dataset<Row> raw, String fittedOn, String runId) {
    List<Row> rows = raw.where(raw.col(Fields.LABEL).isNotNull())
        .select(Fields.ID, Fields.PROBABILITY, Fields.LABEL).collectAsList();
    if (rows.size() < MIN_SONGS) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "--recalibrate needs at least %d labelled songs "
          + "that the model scores; the input has %d", MIN_SONGS, rows.size()));
    }
    double[][] p = new double[rows.size()][];
    int[] y = new int[rows.size()];
    boolean[] firstHalf = new boolean[rows.size()];
    for (int i = 0; i < y.length; i++) {
      firstHalf[i] = (String.valueOf(rows.get(i).get(0)).hashCode() & 1) == 0;
      p[i] = ((Vector) rows.get(i).get(1)).toArray();
      y[i] = (int) Math.round(((Number) rows.get(i).get(2)).doubleValue());
    }
    TemperatureFit.Fitted fit = TemperatureFit.fit(p, y);
    double[][] cross = crossFitted(p, y, firstHalf);
    CalibrationMetrics.Result crossFitted = CalibrationMetrics.of(cross, y);
    Map<String, Object> calibration = fit.provenance(fittedOn);
    calibration.put("ece_cross_fitted", crossFitted.ece());
    calibration.put("nll_cross_fitted", crossFitted.nll());
    calibration.put("recalibrated_from", model.version());
    if (model.provenance().get("calibration") != null) {
      calibration.put("previous", model.provenance().get("calibration"));
    }
    Map<String, Object> fields = new LinkedHashMap<>(model.provenance().fields());
    fields.put("model_version", model.version() + "+recal-" + runId);
    fields.put("calibration", calibration);
    // --coverage reads its thresholds here: these songs' table, cross-fitted as the ECE above.
    fields.put("coverage", CoverageMetrics.of(cross, y).provenance("recalibration sample, cross-fitted"));
    LOG.info("recalibrate: T = {} on {} songs of {}; ECE {} uncalibrated, {} cross-fitted", String.format(Locale.ROOT,
        "%.4f", fit.temperature()), y.length, fittedOn, String.format(Locale.ROOT, "%.4f", fit.before().ece()),
        String.format(Locale.ROOT, "%.4f", crossFitted.ece()));
    return new Result(model.recalibrated(fit.stage(), new Provenance(fields)), fit, crossFitted);
  }

  /** Each half's probabilities scaled by the temperature fitted on the other half. */
  static double[][] crossFitted(double[][] p, int[] y, boolean[] firstHalf) {
    double[][] out = new double[p.length][];
    for (boolean half : new boolean[] {true, false}) {
      List<Integer> fitOn = new ArrayList<>();
      for (int i = 0; i < p.length; i++) {
        if (firstHalf[i] != half) {
          fitOn.add(i);
        }
      }
      double t = TemperatureFit.temperature(fitOn.stream().map(i -> p[i]).toArray(double[][]::new),
          fitOn.stream().mapToInt(i -> y[i]).toArray());
      for (int i = 0; i < p.length; i++) {
        if (firstHalf[i] == half) {
          out[i] = ProbabilityCalibrator.scaled(p[i], t);
        }
      }
    }
    return out;
  }
}
