package dev.songmood.metrics;

import java.util.Arrays;

/**
 * Classification metrics derived from a confusion matrix {@code counts[actual][predicted]}: per-class precision,
 * recall, F1 and support, accuracy, and macro and support-weighted averages. A class with no predictions has
 * precision 0 (and a class with no support has recall 0), as scikit-learn reports with zero_division=0, so a model
 * that never predicts a class is penalised rather than skipped.
 */
public final class ClassificationReport {
  private final long[][] counts;
  private final double[] precision;
  private final double[] recall;
  private final double[] f1;
  private final long[] support;
  private final long[] predicted;
  private final long total;
  private final long correct;

  private ClassificationReport(long[][] counts) {
    int k = counts.length;
    this.counts = new long[k][];
    precision = new double[k];
    recall = new double[k];
    f1 = new double[k];
    support = new long[k];
    predicted = new long[k];
    long t = 0;
    long c = 0;
    for (int i = 0; i < k; i++) {
      if (counts[i].length != k) {
        throw new IllegalArgumentException("confusion matrix must be square, row " + i + " has " + counts[i].length);
      }
      this.counts[i] = counts[i].clone();
      for (int j = 0; j < k; j++) {
        support[i] += counts[i][j];
        predicted[j] += counts[i][j];
        t += counts[i][j];
      }
      c += counts[i][i];
    }
    total = t;
    correct = c;
    for (int i = 0; i < k; i++) {
      precision[i] = ratio(counts[i][i], predicted[i]);
      recall[i] = ratio(counts[i][i], support[i]);
      f1[i] = precision[i] + recall[i] == 0 ? 0 : 2 * precision[i] * recall[i] / (precision[i] + recall[i]);
    }
  }

  public static ClassificationReport of(long[][] counts) {
    return new ClassificationReport(counts);
  }

  private static double ratio(long a, long b) {
    return b == 0 ? 0 : (double) a / b;
  }

  public int classes() { return counts.length; }
  public long total() { return total; }
  public long[][] confusion() { return Arrays.stream(counts).map(long[]::clone).toArray(long[][]::new); }
  public double precision(int k) { return precision[k]; }
  public double recall(int k) { return recall[k]; }
  public double f1(int k) { return f1[k]; }
  public long support(int k) { return support[k]; }
  public long predicted(int k) { return predicted[k]; }
  public long[] supports() { return support.clone(); }
  public long[] predictedCounts() { return predicted.clone(); }

  public double accuracy() { return ratio(correct, total); }

  public double macroPrecision() { return mean(precision); }
  public double macroRecall() { return mean(recall); }
  public double macroF1() { return mean(f1); }

  public double weightedPrecision() { return weighted(precision); }
  public double weightedRecall() { return weighted(recall); }
  public double weightedF1() { return weighted(f1); }

  private static double mean(double[] values) {
    return Arrays.stream(values).average().orElse(0);
  }

  private double weighted(double[] values) {
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      sum += values[i] * support[i];
    }
    return total == 0 ? 0 : sum / total;
  }
}
