package dev.songmood.finetune;


import dev.songmood.encode.SongPooling;
import dev.songmood.encode.finetuned.BaseEncoder;
import dev.songmood.encode.finetuned.NamedTensors;
import dev.songmood.encode.finetuned.QuadrantHeads;
import dev.songmood.input.Fields;
import dev.songmood.io.HadoopFiles;
import dev.songmood.metrics.ClassificationReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fine-tunes an encoder and its heads on labelled songs, data-parallel over Spark tasks: the driver only plans,
 * averages and saves; every forward and backward pass runs in a task on an executor (on the GPU Spark assigned it,
 * when there is one: {@link TrainingDevice}).
 *
 * <p>Each epoch is one Spark job: the training chunks are split into one share per worker (by song id, so a song's
 * chunks stay together), the current {@link TrainingState} is broadcast, every worker trains one pass over its share
 * ({@link EpochTrainer}), and the workers' weights and AdamW moments are averaged, weighted by their chunk counts,
 * with a {@code treeAggregate}. The averaged state is scored on the validation songs (again in tasks: chunk vectors,
 * pooled per song as labelling pools them, then the heads), checkpointed ({@link Checkpoints}), and kept if its
 * macro-F1 is the best; training stops after {@code patience} epochs without improvement.
 */
public final class FineTuner {
  private static final Logger LOG = LoggerFactory.getLogger(FineTuner.class);
  /** Chunks per inference call when scoring validation songs. */
  public static final int SCORE_BATCH = 16;

  /** The result: the best epoch's state and what the run measured. */
  public record Outcome(TrainingState best, int bestEpoch, double bestMacroF1, List<Map<String, Object>> history,
      boolean coordinates, double[] coordinateMean, double[] coordinateScale, int workers, long trainChunks,
      double seconds) {
    /** Validation accuracy of the best epoch. */
    public double bestAccuracy() {
      return history.stream().filter(h -> ((Number) h.get("epoch")).intValue() == bestEpoch)
          .mapToDouble(h -> ((Number) h.get("validation_accuracy")).doubleValue()).findFirst().orElse(Double.NaN);
    }

    /** The trained encoder layers (what the model keeps of the encoder). */
    public NamedTensors encoderLayers() {
      return best.weights().withPrefix("encoder.").prefixed("encoder.");
    }
  }

  private final SparkSession spark;
  private final String checkpointRoot;

  /** {@code checkpointRoot}: a directory on the output's file system, or null to keep no checkpoints. */
  public FineTuner(SparkSession spark, String checkpointRoot) {
    this.spark = spark;
    this.checkpointRoot = checkpointRoot;
  }

  /**
   * Fine-tunes {@code base} with {@code params} on {@code train} and early-stops on {@code validation}. Both need
   * {@link Fields#ID}, {@link Fields#LIGHT_LYRICS} and {@link Fields#LABEL}; {@link Fields#VALENCE} and
   * {@link Fields#AROUSAL} train the coordinates head where present.
   */
  public Outcome fit(BaseEncoder base, FineTuneParams params, Dataset<Row> train, Dataset<Row> validation) {
    long started = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Recipe recipe = params.recipe();
    double[][] standard = Arrays.asList(train.columns()).containsAll(List.of(Fields.VALENCE, Fields.AROUSAL))
        && recipe.regressionWeight() > 0 ? TrainingSongs.standardisation(train) : null;
    boolean coordinates = standard != null;
    if (standard == null) {
      standard = new double[][] {{0, 0}, {1, 1}};
    }
    float[] classWeights = TrainingSongs.classWeights(train);
    int workers = workers(spark.sparkContext(), recipe);

    Checkpoints checkpoints = checkpointRoot == null ? null
        : new Checkpoints(new HadoopFiles(spark), checkpointRoot,
            TrainingSongs.key(base, params, train, coordinates));
    if (checkpoints != null && checkpoints.isComplete()) {
      Map<String, Object> s = checkpoints.summary();
      LOG.info("fine-tuning {} already completed in {}: reusing its best epoch ({})", base.id(), checkpoints.dir(),
          s.get("best_epoch"));
      return new Outcome(checkpoints.best(), ((Number) s.get("best_epoch")).intValue(),
          ((Number) s.get("best_validation_macro_f1")).doubleValue(), checkpoints.history(), coordinates, standard[0],
          standard[1],
          workers, ((Number) s.get("train_chunks")).longValue(), ((Number) s.get("seconds")).doubleValue());
    }

    JavaRDD<Example> shares = TrainingSongs.examples(train, base, params.maxTokens(), recipe.maxChunksPerSong(),
        coordinates, standard, workers).persist(StorageLevel.MEMORY_AND_DISK());
    final double[][] scaling = standard;
    JavaRDD<Example> held = TrainingSongs.examples(validation, base, params.maxTokens(), 0, false, scaling,
        Math.max(1, jsc.defaultParallelism())).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<Integer> sizes = shares.mapPartitions(it -> {
        int n = 0;
        for (; it.hasNext(); it.next()) {
          n++;
        }
        return List.of(n).iterator();
      }).collect();
      long chunks = sizes.stream().mapToLong(Integer::longValue).sum();
      if (chunks == 0) {
        throw new IllegalArgumentException("no training song has lyrics with tokens to fine-tune on");
      }
      int largest = sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
      long stepsPerEpoch = (largest + params.batchSize() - 1) / params.batchSize();
      long totalSteps = stepsPerEpoch * params.epochs();

      TrainingState state = InitialState.of(base, params);
      TrainingState best = state;
      double bestF1 = Double.NEGATIVE_INFINITY;
      int bestEpoch = 0;
      List<Map<String, Object>> history = new ArrayList<>();
      if (checkpoints != null && checkpoints.hasLast()) {
        state = checkpoints.last();
        history = new ArrayList<>(checkpoints.history());
        for (Map<String, Object> h : history) {
          double f1 = ((Number) h.get("validation_macro_f1")).doubleValue();
          if (f1 > bestF1) {
            bestF1 = f1;
            bestEpoch = ((Number) h.get("epoch")).intValue();
          }
        }
        best = checkpoints.best();
        LOG.info("fine-tuning {}: resuming from the checkpoint of epoch {} in {}", base.id(), state.epoch(),
            checkpoints.dir());
      }
      LOG.info("fine-tuning {} (top {} of {} layers and the heads: {} weights) on {} chunks of <= {} tokens, {} "
          + "worker(s) of <= {} chunks, {} epoch(s) of {} steps of {}; class weights {}{}", base.id(),
          Math.min(recipe.trainableLayers(), base.config().layers()), base.config().layers(),
          String.format("%,d", state.weights().values()), String.format("%,d", chunks), params.maxTokens(), workers,
          largest, params.epochs(), stepsPerEpoch, params.batchSize(), Arrays.toString(classWeights),
          checkpoints == null ? "" : "; checkpoints in " + checkpoints.dir());

      while (state.epoch() < params.epochs()) {
        if (bestEpoch > 0 && state.epoch() - bestEpoch >= recipe.patience()) {
          LOG.info("fine-tuning {}: no better validation macro-F1 for {} epoch(s) after epoch {}; stopping early",
              base.id(), recipe.patience(), bestEpoch);
          break;
        }
        long epochStart = System.nanoTime();
        // states travel as bytes: they hold records, which Spark's Kryo cannot write
        final Broadcast<byte[]> current = jsc.broadcast(state.toBytes());
        final float[] weights = classWeights;
        final long total = totalSteps;
        StateAverage avg = StateAverage.fromBytes(shares.mapPartitionsWithIndex((index, it) -> {
          List<Example> mine = new ArrayList<>();
          it.forEachRemaining(mine::add);
          EpochTrainer.Result r = EpochTrainer.train(base, params, TrainingState.fromBytes(current.value()), mine,
              weights, total, index, TrainingDevice.forTask());
          return List.of(StateAverage.of(r).toBytes()).iterator();
        }, true).treeAggregate(new byte[0], StateAverage::merge, StateAverage::merge, 2));
        current.destroy();
        double trainSeconds = (System.nanoTime() - epochStart) / 1e9;
        state = avg.state();
        long scoreStart = System.nanoTime();
        ClassificationReport report = score(jsc, base, recipe, state.weights(), scaling, held);
        double scoreSeconds = (System.nanoTime() - scoreStart) / 1e9;
        boolean improved = report.macroF1() > bestF1;
        if (improved) {
          bestF1 = report.macroF1();
          bestEpoch = state.epoch();
          best = state;
        }
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("epoch", state.epoch());
        h.put("train_loss", avg.meanLoss());
        h.put("train_quadrant_loss", avg.meanCrossEntropy());
        h.put("train_coordinates_loss", avg.meanRegression());
        h.put("validation_macro_f1", report.macroF1());
        h.put("validation_accuracy", report.accuracy());
        h.put("train_seconds", trainSeconds);
        h.put("chunks_per_second", avg.examples() / Math.max(avg.seconds(), 1e-9));
        h.put("score_seconds", scoreSeconds);
        h.put("devices", avg.devices());
        history.add(h);
        LOG.info("fine-tuning {} epoch {}/{}: loss {} (quadrant {}, coordinates {}) on {} chunks in {} s "
            + "({} chunks/s, slowest worker); validation macro-F1 {} accuracy {} ({} s){}; {}", base.id(),
            state.epoch(), params.epochs(), f(avg.meanLoss()), f(avg.meanCrossEntropy()), f(avg.meanRegression()),
            avg.examples(), String.format("%.1f", trainSeconds),
            String.format("%.1f", avg.examples() / Math.max(avg.seconds(), 1e-9)), f(report.macroF1()),
            f(report.accuracy()), String.format("%.1f", scoreSeconds), improved ? " (best so far)" : "",
            avg.devices());
        if (checkpoints != null) {
          checkpoints.save(state, improved, history);
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      if (checkpoints != null) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("best_epoch", bestEpoch);
        summary.put("best_validation_macro_f1", bestF1);
        summary.put("train_chunks", chunks);
        summary.put("seconds", seconds);
        checkpoints.complete(summary);
      }
      LOG.info("fine-tuning {} done in {} s: best epoch {} (validation macro-F1 {})", base.id(),
          String.format("%.1f", seconds), bestEpoch, f(bestF1));
      return new Outcome(best, bestEpoch, bestF1, history, coordinates, standard[0], standard[1], workers, chunks,
          seconds);
    } finally {
      shares.unpersist();
      held.unpersist();
    }
  }

  /** Quadrant predictions of the validation songs with these weights, computed in tasks; the confusion on the driver. */
  static ClassificationReport score(JavaSparkContext jsc, BaseEncoder base, Recipe recipe, NamedTensors weights,
      double[][] standard, JavaRDD<Example> held) {
    Broadcast<byte[]> current = jsc.broadcast(weights.toBytes());
    try {
      List<int[]> pairs = held.mapPartitions((Iterator<Example> it) -> {
        List<Example> mine = new ArrayList<>();
        it.forEachRemaining(mine::add);
        if (mine.isEmpty()) {
          return java.util.Collections.<int[]>emptyIterator();
        }
        NamedTensors trained = NamedTensors.fromBytes(current.value());
        float[][] vectors = EpochTrainer.chunkVectors(base, recipe, trained,
            mine.stream().map(Example::ids).toList(), SCORE_BATCH, TrainingDevice.forTask());
        QuadrantHeads heads = QuadrantHeads.of(trained, standard[0], standard[1]);
        List<int[]> out = new ArrayList<>();
        int from = 0;
        while (from < mine.size()) {
          int to = from;
          while (to < mine.size() && mine.get(to).songId().equals(mine.get(from).songId())) {
            to++;
          }
          float[][] song = Arrays.copyOfRange(vectors, from, to);
          int[] tokens = mine.subList(from, to).stream().mapToInt(e -> e.ids().length - 2).toArray();
          float[] p = heads.probabilities(SongPooling.MEAN.pool(song, tokens));
          int predicted = 0;
          for (int c = 1; c < p.length; c++) {
            predicted = p[c] > p[predicted] ? c : predicted;
          }
          out.add(new int[] {mine.get(from).label(), predicted});
          from = to;
        }
        return out.iterator();
      }).collect();
      long[][] counts = new long[4][4];
      pairs.forEach(p -> counts[p[0]][p[1]]++);
      return ClassificationReport.of(counts);
    } finally {
      current.destroy();
    }
  }

  /**
   * Training tasks: the recipe's number, else one per GPU slot when tasks are given GPUs, else one per executor
   * (one in local mode, where the executor is the driver's JVM).
   */
  static int workers(SparkContext sc, Recipe recipe) {
    if (recipe.workers() > 0) {
      return recipe.workers();
    }
    if (sc.isLocal()) {
      return 1;
    }
    int executors = Math.max(1, sc.statusTracker().getExecutorInfos().length - 1);
    double perExecutor = sc.getConf().getDouble("spark.executor.resource.gpu.amount", 0);
    double perTask = sc.getConf().getDouble("spark.task.resource.gpu.amount", 0);
    if (perExecutor > 0 && perTask > 0) {
      return Math.max(1, executors * (int) Math.floor(perExecutor / perTask));
    }
    return executors;
  }

  private static String f(double v) {
    return String.format("%.4f", v);
  }
}
