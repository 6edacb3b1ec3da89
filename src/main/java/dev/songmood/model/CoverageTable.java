package dev.songmood.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The model's own accuracy-at-coverage table, as its provenance holds it under {@value #FIELD} (written by
 * {@code train} from the calibrated validation predictions, {@code dev.songmood.metrics.CoverageMetrics}), and the
 * one reading of it: the confidence threshold that keeps a given share of songs ({@link #threshold}), used by
 * {@code label}, {@code predict}, {@code serve} ({@code --coverage}) and {@code playlist}.
 *
 * <p>Shape: {@code {"split": "validation", "songs": N, "rows": [{"coverage": 0.1, "songs": n, "threshold": t,
 * "accuracy": a, "macro_f1": f}, ...]}}, rows for 0.1, 0.25, 0.5, 0.75 and 1.0.
 */
public final class CoverageTable {
  public static final String FIELD = "coverage";

  /** One row: the most confident {@code coverage} of the songs have a confidence of at least {@code threshold}. */
  public record Row(double coverage, long songs, double threshold, double accuracy, double macroF1) {}

  private final String split;
  private final long songs;
  private final List<Row> rows;

  private CoverageTable(String split, long songs, List<Row> rows) {
    this.split = split;
    this.songs = songs;
    this.rows = rows;
  }

  /** The model's table; empty for a model trained before the table existed, or without validation songs. */
  public static Optional<CoverageTable> of(Provenance provenance) {
    Object v = provenance.get(FIELD);
    if (v == null) {
      return Optional.empty();
    }
    try {
      Map<?, ?> map = (Map<?, ?>) v;
      List<Row> rows = new ArrayList<>();
      for (Object o : (List<?>) map.get("rows")) {
        Map<?, ?> r = (Map<?, ?>) o;
        rows.add(new Row(number(r, "coverage"), (long) number(r, "songs"), number(r, "threshold"),
            number(r, "accuracy"), number(r, "macro_f1")));
      }
      rows.sort(Comparator.comparingDouble(Row::coverage));
      return rows.isEmpty() ? Optional.empty()
          : Optional.of(new CoverageTable(String.valueOf(map.get("split")), (long) number(map, "songs"),
              List.copyOf(rows)));
    } catch (ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException("the model's provenance has a malformed '" + FIELD + "' table: " + v, e);
    }
  }

  private static double number(Map<?, ?> map, String key) {
    return ((Number) map.get(key)).doubleValue();
  }

  public String split() { return split; }

  public long songs() { return songs; }

  public List<Row> rows() { return rows; }

  /**
   * The confidence threshold that keeps about {@code coverage} of the songs: a row's own threshold for a coverage in
   * the table; between two rows, the threshold interpolated linearly in coverage between theirs (the share it keeps
   * on the table's songs then lies between the two rows' shares). {@code 1} keeps every song: threshold 0, none
   * marked (the 100% row's threshold is the least confident validation song's, which a catalog may go below).
   *
   * @throws IllegalArgumentException for a coverage outside [the first row's coverage, 1]
   */
  public double threshold(double coverage) {
    Row first = rows.get(0);
    if (!(coverage >= first.coverage() && coverage <= 1)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "--coverage must be %s..1 (the model's "
          + "coverage table starts at %s), got %s", first.coverage(), first.coverage(), coverage));
    }
    if (coverage == 1) {
      return 0;
    }
    for (int i = 0; i < rows.size(); i++) {
      Row hi = rows.get(i);
      if (coverage == hi.coverage()) {
        return hi.threshold();
      }
      if (coverage < hi.coverage()) {
        Row lo = rows.get(i - 1);
        double w = (coverage - lo.coverage()) / (hi.coverage() - lo.coverage());
        return lo.threshold() + w * (hi.threshold() - lo.threshold());
      }
    }
    return rows.get(rows.size() - 1).threshold();  // coverage above the last row below 1: its threshold
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "coverage table of %d %s songs: %s", songs, split, rows);
  }
}
