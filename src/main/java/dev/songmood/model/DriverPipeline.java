package dev.songmood.model;

import dev.songmood.stages.EncoderCascade;
import dev.songmood.stages.LocalStage;
import dev.songmood.stages.PartitionStage;
import dev.songmood.stages.PartitionWork;
import dev.songmood.stages.PipelineStages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pipeline over a few rows held on the driver: the answer to one song in {@code serve} and {@code predict},
 * where a Spark job's scheduling and a whole plan's execution cost far more than the song. The stages are the
 * model's own, in order (nested pipelines walked), with the encoders set to {@link #threads} ONNX Runtime threads
 * (the saved setting is per executor task).
 *
 * <p>Two ways, the first whenever it can:
 * <ul>
 *   <li>in memory: every stage has a local form ({@link LocalStage}, {@link SparkStagesLocally}) and songs are
 *       column maps; no Spark at all, so a song costs its encoding;
 *   <li>as a local relation: projection stages are applied as always, and Spark's optimizer evaluates them over
 *       the local rows in place (its {@code ConvertToLocalRelation} rule), while a {@link PartitionStage} (an
 *       encoder) runs its partition function on this thread; no Spark job, but each stage's planning costs
 *       milliseconds. A stage that cannot run either way (the Spark NLP engine) runs as a Spark job.
 * </ul>
 */
final class DriverPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(DriverPipeline.class);
  private static final String THREADS = "threads";

  private final List<Transformer> stages = new ArrayList<>();
  /** The in-memory forms of {@link #stages}, or null when one has none. */
  private final List<LocalStage> local;

  DriverPipeline(PipelineModel pipeline, int threads) {
    for (Transformer stage : PipelineStages.flatten(pipeline)) {
      stages.add(withThreads(stage, threads));
    }
    List<LocalStage> forms = new ArrayList<>();
    for (Transformer stage : stages) {
      LocalStage form = stage instanceof EncoderCascade c ? CascadeOnDriver.of(c, threads)
          : stage instanceof LocalStage l ? (l.runsLocally() ? l : null) : SparkStagesLocally.of(stage);
      if (form == null) {
        LOG.info("{}: no in-memory form for stage {} ({}); single songs are scored over a local relation",
            pipeline.uid(), stage.uid(), stage.getClass().getSimpleName());
        forms = null;
        break;
      }
      forms.add(form);
    }
    local = forms;
  }

  /** Whether songs are scored in memory, with no Spark at all (the first way). */
  boolean inMemory() {
    return local != null;
  }

  /** Intra-op threads for the driver's encoders: as many as the machine has, shared by the requests in flight. */
  static int threads() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** Runs every stage in memory on the given column maps (which it changes) and returns them; needs {@link #inMemory}. */
  List<Map<String, Object>> applyLocally(List<Map<String, Object>> songs) {
    if (local == null) {
      throw new IllegalStateException("a stage of this pipeline has no in-memory form");
    }
    local.forEach(stage -> stage.applyLocally(songs));
    return songs;
  }

  /** The classified rows as column maps (the input's columns and the stages' outputs), in input order. */
  List<Map<String, Object>> transform(SparkSession spark, List<Row> rows, StructType schema) {
    if (local != null) {
      List<Map<String, Object>> songs = new ArrayList<>(rows.size());
      for (Row r : rows) {
        songs.add(asMap(r, schema));
      }
      return applyLocally(songs);
    }
    List<Map<String, Object>> songs = new ArrayList<>(rows.size());
    Dataset<Row> out = overLocalRelation(spark.createDataFrame(rows, schema));
    for (Row r : out.collectAsList()) {
      songs.add(asMap(r, out.schema()));
    }
    return songs;
  }

  /** The second way; every stage run over {@code rows}, a local relation. */
  Dataset<Row> overLocalRelation(Dataset<Row> rows) {
    Dataset<Row> out = rows;
    for (Transformer stage : stages) {
      PartitionWork work = stage instanceof PartitionStage p ? p.work(out) : null;
      out = work != null ? work.onDriver() : stage.transform(out);
    }
    return out;
  }

  private static Map<String, Object> asMap(Row row, StructType schema) {
    Map<String, Object> map = new HashMap<>();
    String[] names = schema.fieldNames();
    for (int i = 0; i < names.length; i++) {
      map.put(names[i], row.get(i));
    }
    return map;
  }

  private static Transformer withThreads(Transformer stage, int threads) {
    if (!stage.hasParam(THREADS)) {
      return stage;
    }
    IntParam param = (IntParam) stage.getParam(THREADS);
    return (Transformer) stage.copy(new ParamMap().put(param.w(threads)));
  }
}
