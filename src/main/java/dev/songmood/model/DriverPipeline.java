package dev.songmood.model;

import dev.songmood.stages.PartitionStage;
import dev.songmood.stages.PartitionWork;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Runs a pipeline over a few rows held on the driver (a local relation) without starting a Spark job: the answer
 * to one song in {@code serve} and {@code predict}, where a job's scheduling and a whole plan's execution cost far
 * more than the song.
 *
 * <p>The stages are the model's own, run in order (nested pipelines walked). A projection stage (cleaning,
 * features, the classifiers, priors) is applied as always; Spark's optimizer evaluates projections over a local
 * relation in place (its {@code ConvertToLocalRelation} rule), so collecting them runs no job. A
 * {@link PartitionStage} (an encoder) runs its partition function on this thread over the collected rows, with
 * ONNX Runtime using {@link #threads} threads (the stage's saved setting is per executor task). A stage that cannot
 * run that way (the Spark NLP engine) runs as a Spark job, as in {@code label}.
 */
final class DriverPipeline {
  private static final String THREADS = "threads";

  private final List<Transformer> stages = new ArrayList<>();

  /** The pipeline's stages in order, encoders set to {@code threads} ONNX Runtime threads. */
  DriverPipeline(PipelineModel pipeline, int threads) {
    for (Transformer stage : flatten(pipeline, new ArrayList<>())) {
      stages.add(withThreads(stage, threads));
    }
  }

  Dataset<Row> transform(Dataset<Row> rows) {
    Dataset<Row> out = rows;
    for (Transformer stage : stages) {
      PartitionWork work = stage instanceof PartitionStage p ? p.work(out) : null;
      out = work != null ? work.onDriver() : stage.transform(out);
    }
    return out;
  }

  /** Intra-op threads for the driver's encoders: as many as the machine has, shared by the requests in flight. */
  static int threads() {
    return Runtime.getRuntime().availableProcessors();
  }

  private static Transformer withThreads(Transformer stage, int threads) {
    if (!stage.hasParam(THREADS)) {
      return stage;
    }
    IntParam param = (IntParam) stage.getParam(THREADS);
    return (Transformer) stage.copy(new ParamMap().put(param.w(threads)));
  }

  private static List<Transformer> flatten(PipelineModel pipeline, List<Transformer> into) {
    for (Transformer stage : pipeline.stages()) {
      if (stage instanceof PipelineModel inner) {
        flatten(inner, into);
      } else {
        into.add(stage);
      }
    }
    return into;
  }
}
