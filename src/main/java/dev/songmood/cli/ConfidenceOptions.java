package dev.songmood.cli;

import dev.songmood.model.CoverageTable;
import java.util.Locale;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.OptionGroup;
import org.apache.commons.cli.Options;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --min-confidence P} or {@code --coverage C} (one of them; {@code label}, {@code predict}, {@code serve}):
 * the confidence under which a song is marked {@code uncertain}, checked and resolved before Spark starts. A coverage
 * is read from the model's own table ({@link CoverageTable#threshold}); a model without one cannot take it.
 */
final class ConfidenceOptions {
  private static final Logger LOG = LoggerFactory.getLogger(ConfidenceOptions.class);
  static final String MIN_CONFIDENCE = "min-confidence";
  static final String COVERAGE = "coverage";

  private ConfidenceOptions() {
  }

  static void add(Options options) {
    OptionGroup group = new OptionGroup();
    group.addOption(Option.builder().longOpt(MIN_CONFIDENCE).hasArg().argName("P")
        .desc("mark songs whose confidence (calibrated largest probability) is below P (0..1) uncertain = true; "
            + "they keep their quadrant and probabilities (default: no threshold, no song uncertain)").build());
    group.addOption(Option.builder().longOpt(COVERAGE).hasArg().argName("C")
        .desc("the same, with the threshold that keeps the most confident share C (0.1..1) of songs on the model's "
            + "validation songs, from its coverage table (interpolated between its rows; 1: no song uncertain)")
        .build());
    options.addOptionGroup(group);
  }

  /** The threshold, or null for none; a bad value or a model without a coverage table is a usage error (exit 2). */
  static Double threshold(OptionValues v, String modelDir) {
    if (v.flag(MIN_CONFIDENCE)) {
      double p = v.doubleValue(MIN_CONFIDENCE, 0);
      if (!(p >= 0 && p <= 1)) {
        throw new UsageException("--" + MIN_CONFIDENCE + " must be a probability 0..1, got " + p);
      }
      return p;
    }
    if (!v.flag(COVERAGE)) {
      return null;
    }
    double c = v.doubleValue(COVERAGE, 1);
    if (!(c > 0 && c <= 1)) {
      throw new UsageException("--" + COVERAGE + " must be a share of songs in (0, 1], got " + c);
    }
    Preflight preflight = new Preflight().model(modelDir);
    CoverageTable table;
    try {
      table = CoverageTable.of(preflight.provenance(modelDir)).orElseThrow(() -> new UsageException("--" + COVERAGE
          + ": the model " + modelDir + " has no coverage table in its provenance (trained before it existed, or "
          + "without validation songs); give --" + MIN_CONFIDENCE + " instead"));
      double t = table.threshold(c);
      LOG.info("--coverage {}: songs below confidence {} are uncertain ({})", c, String.format(Locale.ROOT, "%.4f",
          t), table);
      return t;
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
