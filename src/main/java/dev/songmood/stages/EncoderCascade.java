package dev.songmood.stages;

import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import dev.songmood.input.Fields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.functions;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * The encoder cascade: every song is scored first by the model's encoder-free path ({@code cheap}: the TF-IDF
 * member, then the catalog prior where the model has one, as the full model applies it to its ensemble); a song
 * whose highest probability there is at least {@code threshold} is labelled from that path, and only the others go
 * through {@code full} (the encoder and every member). On the executors it is one pass over the songs in their
 * partitions ({@link #transform}): the cheap path scores each song once, the full path reuses the stages it shares
 * with it, and its encoders skip the sure songs, so no song is encoded and then thrown away and the output keeps the
 * input's partitions. {@link Fields#CASCADE_PATH} says which path labelled each song; the full path's columns that the
 * cheap path has no value for (the encoder's vector, valence/arousal estimates from it) are null on cheap rows.
 *
 * <p>The model's calibration stage, when it has one, comes after the cascade: the threshold is on the cheap path's
 * uncalibrated probabilities. Saved as Spark ML metadata (the threshold) plus the two pipelines in
 * {@value #CHEAP}/ and {@value #FULL}/.
 */
public final class EncoderCascade extends Transformer implements MLWritable {
  private static final long serialVersionUID = 1L;
  /** The values of {@link Fields#CASCADE_PATH}, and the directories of the saved paths. */
  public static final String CHEAP = "cheap";
  public static final String FULL = "full";
  private static final String SURE = "_cascade_sure";
  /** The prefix of the cheap path's answer columns while the full path runs. */
  private static final String KEPT = "_cascade_cheap_";

  private final String uid;
  private final PipelineModel cheap;
  private final PipelineModel full;
  private final DoubleParam threshold;

  public EncoderCascade(String uid, PipelineModel cheap, PipelineModel full) {
    this.uid = uid;
    this.cheap = cheap;
    this.full = full;
    threshold = new DoubleParam(this, "threshold", "songs whose cheap path's highest probability is at least this "
        + "are labelled without the encoder", ParamValidators.inRange(0, 1));
    setDefault(threshold, 1.0);
  }

  public DoubleParam threshold() { return threshold; }
  public EncoderCascade setThreshold(double value) { set(threshold, value); return this; }
  public double getThreshold() { return (Double) $(threshold); }

  /** The encoder-free path. */
  public PipelineModel cheap() { return cheap; }
  /** Every member, the encoder included: what the model is without its cascade. */
  public PipelineModel full() { return full; }

  /** The same cascade (uid, threshold) over other paths: a model's stages swapped inside both. */
  public EncoderCascade withPaths(PipelineModel newCheap, PipelineModel newFull) {
    return copyValues(new EncoderCascade(uid, newCheap, newFull), ParamMap.empty());
  }

  /** The cheap path's confidence of a song: the highest of its probabilities. */
  public static Column confidence(Column probability) {
    return array_max(functions.vector_to_array(probability, "float64"));
  }

  @Override
  public String uid() { return uid; }

  @Override
  public StructType transformSchema(StructType schema) {
    return StageSchemas.addColumn(full.transformSchema(schema), Fields.CASCADE_PATH, DataTypes.StringType);
  }

  /**
   * One pass over the songs, in their partitions: the cheap path scores every song once; the full path's stages then
   * run without those it shares with the cheap path (the TF-IDF member, whose columns are already there), and its
   * encoders skip the sure songs ({@link PartitionStage#work(Dataset, String)}: a zero vector instead, so no sure song
   * is encoded); last, each song keeps the answer of its path, and the full path's other columns are null on sure
   * songs. An encoder that cannot skip rows (the Spark NLP engine) gets only the unsure rows, filtered ({@link #split}).
   */
  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Dataset<Row> input = dataset.toDF().drop(Fields.CASCADE_PATH);
    List<Transformer> cheapStages = PipelineStages.flatten(cheap);
    Set<String> fullUids = new HashSet<>();
    PipelineStages.flatten(full).forEach(stage -> fullUids.add(stage.uid()));
    Set<String> shared = new HashSet<>();
    StructType afterShared = input.schema();
    for (Transformer stage : cheapStages) {  // the cheap path's first stages, the full path's too: run once
      if (!fullUids.contains(stage.uid())) {
        break;
      }
      shared.add(stage.uid());
      afterShared = stage.transformSchema(afterShared);
    }
    Dataset<Row> scored = cheap.transform(input);
    List<String> answers = new ArrayList<>();  // what the cheap path answers, kept aside while the full path runs
    Dataset<Row> out = scored.withColumn(SURE, sure(col(Fields.PROBABILITY)));
    for (String c : scored.columns()) {
      if (!StageSchemas.has(afterShared, c)) {
        answers.add(c);
        out = out.withColumnRenamed(c, KEPT + c);
      }
    }
    for (Transformer stage : PipelineStages.flatten(full)) {
      if (shared.contains(stage.uid())) {
        continue;
      }
      PartitionWork work = stage instanceof PartitionStage encoder ? encoder.work(out, SURE) : null;
      if (stage instanceof PartitionStage && work == null) {
        return split(input);
      }
      out = work != null ? work.onExecutors() : stage.transform(out);
    }
    List<Column> columns = new ArrayList<>();
    for (StructField f : out.schema().fields()) {
      String name = f.name();
      if (name.equals(SURE) || name.startsWith(KEPT)) {
        continue;
      }
      Column value = quoted(name);
      columns.add(answers.contains(name) ? when(col(SURE), quoted(KEPT + name)).otherwise(value).as(name, f.metadata())
          : StageSchemas.has(afterShared, name) ? value : when(not(col(SURE)), value).as(name, f.metadata()));
    }
    columns.add(when(col(SURE), lit(CHEAP)).otherwise(lit(FULL)).as(Fields.CASCADE_PATH));
    return out.select(columns.toArray(Column[]::new));
  }

  /** Whether the cheap path's answer is sure enough: its highest probability at least the threshold. */
  private Column sure(Column probability) {
    return coalesce(confidence(probability).geq(getThreshold()), lit(false));
  }

  /** The cascade as two filtered branches unioned: for a full path whose encoder cannot skip rows. */
  private Dataset<Row> split(Dataset<Row> input) {
    Column[] inputColumns = Arrays.stream(input.columns()).map(EncoderCascade::quoted).toArray(Column[]::new);
    Dataset<Row> scored = cheap.transform(input).withColumn(SURE, sure(col(Fields.PROBABILITY)));
    Dataset<Row> labelledCheap = scored.where(col(SURE)).drop(SURE).withColumn(Fields.CASCADE_PATH, lit(CHEAP));
    Dataset<Row> unsure = scored.where(not(col(SURE))).select(inputColumns);
    Dataset<Row> labelledFull = full.transform(unsure).withColumn(Fields.CASCADE_PATH, lit(FULL));
    return labelledFull.unionByName(labelledCheap, true);
  }

  private static Column quoted(String name) {
    return col("`" + name.replace("`", "``") + "`");
  }

  @Override
  public EncoderCascade copy(ParamMap extra) {
    return copyValues(new EncoderCascade(uid, cheap, full), extra);
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  public static MLReader<EncoderCascade> read() {
    return new Reader();
  }

  public static EncoderCascade load(String path) {
    return read().load(path);
  }

  private static final class Writer extends MLWriter {
    private final EncoderCascade stage;

    Writer(EncoderCascade stage) {
      this.stage = stage;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter$.MODULE$.saveMetadata(stage, path, sparkSession().sparkContext(), Option.empty(),
          Option.empty());
      try {
        stage.cheap.write().session(sparkSession()).save(path + "/" + CHEAP);
        stage.full.write().session(sparkSession()).save(path + "/" + FULL);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot save the encoder cascade to " + path, e);
      }
    }
  }

  private static final class Reader extends MLReader<EncoderCascade> {
    @Override
    public EncoderCascade load(String path) {
      DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sparkSession().sparkContext(),
          EncoderCascade.class.getName());
      EncoderCascade stage = new EncoderCascade(metadata.uid(), PipelineModel.load(path + "/" + CHEAP),
          PipelineModel.load(path + "/" + FULL));
      metadata.getAndSetParams(stage, Option.empty());
      return stage;
    }
  }
}
