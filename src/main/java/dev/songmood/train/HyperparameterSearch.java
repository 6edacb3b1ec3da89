package dev.songmood.train;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import dev.songmood.evaluate.Trial;
import dev.songmood.input.Fields;
import dev.songmood.metrics.ClassificationReport;
import dev.songmood.metrics.ConfusionCounts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grid search of the classifier's hyperparameters, scored by macro-F1 (the quadrants are imbalanced, and accuracy
 * would reward predicting the largest one). Either on a held-out validation split, or k-fold cross-validation over
 * the given rows (folds by a hash of the song id or of a group key such as the artist, so they are stable across
 * runs). Trials run concurrently as
 * separate Spark jobs, so the executors stay busy while the driver waits on one.
 */
public final class HyperparameterSearch {
  private static final Logger LOG = LoggerFactory.getLogger(HyperparameterSearch.class);

  /** The trials, in grid order, and which one won. */
  public record Result(List<Trial> trials, List<? extends ClassifierSpec> grid, int bestIndex) {
    public ClassifierSpec bestParams() { return grid.get(bestIndex); }
    public Trial best() { return trials.get(bestIndex); }
  }

  private final int parallelism;
  /** Trials of earlier searches in the same run: the log numbers this search's trials after them, as the report. */
  private final int earlierTrials;

  public HyperparameterSearch(int parallelism) {
    this(parallelism, 0);
  }

  public HyperparameterSearch(int parallelism, int earlierTrials) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1");
    }
    this.parallelism = parallelism;
    this.earlierTrials = earlierTrials;
  }

  public Result holdout(Dataset<Row> train, Dataset<Row> validation, List<? extends ClassifierSpec> grid) {
    Dataset<Row> weighted = train.cache();
    Dataset<Row> held = validation.cache();
    try {
      return run(grid, p -> score(p, List.of(weighted), List.of(held)));
    } finally {
      weighted.unpersist();
      held.unpersist();
    }
  }

  public Result crossValidate(Dataset<Row> data, int folds, long seed, List<? extends ClassifierSpec> grid) {
    return crossValidate(data, folds, seed, col(Fields.ID), grid);
  }

  /** Folds by a hash of {@code groupKey}: songs with the same key (an artist's) fall in one fold. */
  public Result crossValidate(Dataset<Row> data, int folds, long seed, org.apache.spark.sql.Column groupKey,
      List<? extends ClassifierSpec> grid) {
    if (folds < 2) {
      throw new IllegalArgumentException("cross-validation needs at least 2 folds");
    }
    Dataset<Row> withFold = data.withColumn("_fold", pmod(xxhash64(groupKey, lit(seed)), lit(folds))).cache();
    List<Dataset<Row>> trains = new ArrayList<>();
    List<Dataset<Row>> tests = new ArrayList<>();
    for (int f = 0; f < folds; f++) {
      trains.add(withFold.where(col("_fold").notEqual(f)));
      tests.add(withFold.where(col("_fold").equalTo(f)));
    }
    try {
      return run(grid, p -> score(p, trains, tests));
    } finally {
      withFold.unpersist();
    }
  }

  private interface Scorer {
    double[] score(ClassifierSpec params);
  }

  private Result run(List<? extends ClassifierSpec> grid, Scorer scorer) {
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    try {
      List<Future<Trial>> futures = new ArrayList<>();
      for (int i = 0; i < grid.size(); i++) {
        final int index = i;
        futures.add(pool.submit(() -> {
          long start = System.nanoTime();
          double[] metrics = scorer.score(grid.get(index));
          double seconds = (System.nanoTime() - start) / 1e9;
          Trial t = new Trial(index, grid.get(index).toMap(), metrics[0], metrics[1], (int) metrics[2], seconds);
          LOG.info("trial {} ({}/{} of this search) {} -> validation macro-F1 {} accuracy {} ({} s)",
              earlierTrials + t.number(), index + 1, grid.size(), t.params(), fmt(t.macroF1()), fmt(t.accuracy()),
              String.format("%.1f", seconds));
          return t;
        }));
      }
      List<Trial> trials = new ArrayList<>();
      for (Future<Trial> f : futures) {
        trials.add(f.get());
      }
      // Ties go to the earlier (more regularised, smaller) grid point.
      int best = trials.stream().max(Comparator.comparingDouble(Trial::macroF1)
          .thenComparing(Comparator.comparingInt(Trial::index).reversed())).orElseThrow().index();
      return new Result(trials, grid, best);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("search interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a search trial failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Mean macro-F1 and accuracy over the (train, test) pairs, and how many pairs. */
  private static double[] score(ClassifierSpec params, List<Dataset<Row>> trains, List<Dataset<Row>> tests) {
    double f1 = 0;
    double acc = 0;
    for (int i = 0; i < trains.size(); i++) {
      PipelineModel model = params.fit(trains.get(i));
      ClassificationReport r = ConfusionCounts.report(model.transform(tests.get(i)), Fields.LABEL, Fields.PREDICTION);
      f1 += r.macroF1();
      acc += r.accuracy();
    }
    return new double[] {f1 / trains.size(), acc / trains.size(), trains.size()};
  }

  private static String fmt(double v) {
    return String.format("%.4f", v);
  }
}
