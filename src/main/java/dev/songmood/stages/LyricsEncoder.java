package dev.songmood.stages;

import dev.songmood.encode.EncoderModel;
import dev.songmood.encode.SongEncoding;
import dev.songmood.input.Fields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Turns lyrics into one unit vector per song with a pre-trained BERT-family encoder (ONNX Runtime through DJL,
 * model read from a Maven jar on the classpath; nothing is downloaded). Long lyrics are split into chunks of at most
 * {@code chunkTokens} WordPiece tokens along line breaks (optionally overlapping), every chunk is encoded, and the
 * chunk vectors are pooled per song: no silent truncation.
 *
 * <p>Runs in {@code mapPartitions}: each executor JVM loads the model once (a static cache in
 * {@link dev.songmood.encode.OnnxEncoder}), and songs are encoded in batches of chunks. On an executor that was
 * given a GPU by Spark's resource scheduling, ONNX Runtime's CUDA provider is used. The saved stage records the
 * model artifact and the SHA-256 of its weights, and refuses to run with different weights.
 */
public final class LyricsEncoder extends Transformer implements DefaultParamsWritable, PartitionStage, LocalStage {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final Param<String> model;
  private final IntParam chunkTokens;
  private final IntParam chunkOverlap;
  private final Param<String> songPooling;
  private final IntParam batchSize;
  private final IntParam threads;
  private final Param<String> weightsSha256;

  public LyricsEncoder() {
    this(Identifiable$.MODULE$.randomUID("lyricsEncoder"));
  }

  public LyricsEncoder(String uid) {
    this.uid = uid;
    inputCol = new Param<>(this, "inputCol", "lightly normalised lyrics");
    outputCol = new Param<>(this, "outputCol", "song vector");
    model = new Param<>(this, "model", "encoder id, e.g. all-minilm-l6-v2-q");
    chunkTokens = new IntParam(this, "chunkTokens", "most WordPiece tokens per chunk (without [CLS]/[SEP])",
        ParamValidators.inRange(8, 510));
    chunkOverlap = new IntParam(this, "chunkOverlap", "tokens shared by consecutive chunks", ParamValidators.gtEq(0));
    songPooling = new Param<>(this, "songPooling", "how chunk vectors make a song vector: mean, max or first");
    batchSize = new IntParam(this, "batchSize", "chunks per ONNX Runtime call", ParamValidators.gt(0));
    threads = new IntParam(this, "threads", "ONNX Runtime intra-op threads per task", ParamValidators.gt(0));
    weightsSha256 = new Param<>(this, "weightsSha256", "SHA-256 of the encoder weights (set on first use)");
    setDefault(inputCol, Fields.LIGHT_LYRICS);
    setDefault(outputCol, Fields.EMBEDDING);
    setDefault(model, "all-minilm-l6-v2-q");
    setDefault(chunkTokens, 256);
    setDefault(chunkOverlap, 0);
    setDefault(songPooling, "mean");
    setDefault(batchSize, 1);
    setDefault(threads, 1);
    setDefault(weightsSha256, "");
  }

  public Param<String> inputCol() { return inputCol; }
  public Param<String> outputCol() { return outputCol; }
  public Param<String> model() { return model; }
  public IntParam chunkTokens() { return chunkTokens; }
  public IntParam chunkOverlap() { return chunkOverlap; }
  public Param<String> songPooling() { return songPooling; }
  public IntParam batchSize() { return batchSize; }
  public IntParam threads() { return threads; }
  public Param<String> weightsSha256() { return weightsSha256; }

  public int getChunkTokens() { return TypedParams.get(this, chunkTokens); }
  public int getChunkOverlap() { return TypedParams.get(this, chunkOverlap); }
  public int getBatchSize() { return TypedParams.get(this, batchSize); }
  public int getThreads() { return TypedParams.get(this, threads); }

  public LyricsEncoder setModel(String value) { EncoderModel.parse(value); set(model, value); return this; }
  public LyricsEncoder setChunkTokens(int value) { set(chunkTokens, value); return this; }
  public LyricsEncoder setChunkOverlap(int value) { set(chunkOverlap, value); return this; }
  public LyricsEncoder setSongPooling(String value) { SongEncoding.pooling(value); set(songPooling, value); return this; }
  public LyricsEncoder setBatchSize(int value) { set(batchSize, value); return this; }
  public LyricsEncoder setThreads(int value) { set(threads, value); return this; }
  public LyricsEncoder setInputCol(String value) { set(inputCol, value); return this; }

  @Override
  public String uid() { return uid; }

  /** What the saved model records about its encoder. */
  public Map<String, Object> describe() {
    EncoderModel m = EncoderModel.parse($(model));
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("model", m.id());
    d.put("artifact", m.coordinates());
    d.put("weights_sha256", pinnedWeights());
    d.put("chunk_tokens", $(chunkTokens));
    d.put("chunk_overlap", $(chunkOverlap));
    d.put("song_pooling", $(songPooling));
    d.put("engine", "djl-onnxruntime");
    return d;
  }

  /** The checksum this stage expects; pinned to the classpath's weights when the stage is first used. */
  private String pinnedWeights() {
    if ($(weightsSha256).isEmpty()) {
      set(weightsSha256, SongEncoding.weightsSha256(EncoderModel.parse($(model))));
    }
    return $(weightsSha256);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    StageSchemas.requireString(schema, $(inputCol), this);
    if (getChunkOverlap() >= getChunkTokens()) {
      throw new IllegalArgumentException(uid + ": chunkOverlap must be smaller than chunkTokens");
    }
    return StageSchemas.addColumn(schema, $(outputCol), SQLDataTypes.VectorType());
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    return work(dataset).onExecutors();
  }

  @Override
  public PartitionWork work(Dataset<?> dataset, String skipCol) {
    Dataset<Row> input = dataset.toDF().drop($(outputCol));
    StructType out = transformSchema(input.schema());
    return SongBlocks.work(input, out, $(inputCol), plan(), vector -> new Object[] {songVector(vector)}, skipCol);
  }

  /** How this stage encodes: the encoder its params name, pinned to its weights' checksum. */
  private SongBlocks.Plan plan() {
    final String modelId = $(model);
    final String expected = pinnedWeights();
    return new SongBlocks.Plan((threads, gpu) -> SongEncoding.open(EncoderModel.parse(modelId), threads, gpu,
        expected), getThreads(), getChunkTokens(), getChunkOverlap(), $(songPooling), getBatchSize());
  }

  @Override
  public void applyLocally(List<Map<String, Object>> songs) {
    float[][] vectors = SongBlocks.encodeInPlace(songs, $(inputCol), plan());
    for (int i = 0; i < vectors.length; i++) {
      songs.get(i).put($(outputCol), songVector(vectors[i]));
    }
  }

  /** A song vector as a Spark ML vector; null for a song without tokens. */
  private static Vector songVector(float[] v) {
    if (v == null) {
      return null;
    }
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return Vectors.dense(d);
  }

  @Override
  public LyricsEncoder copy(ParamMap extra) { return defaultCopy(extra); }

  public static MLReader<LyricsEncoder> read() { return new DefaultParamsReader<>(); }

  public static LyricsEncoder load(String path) { return read().load(path); }
}
