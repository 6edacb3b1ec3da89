package dev.songmood.stages;

import dev.songmood.encode.EncoderModel;
import dev.songmood.encode.finetuned.NamedTensors;
import dev.songmood.encode.finetuned.OnnxGraph;
import dev.songmood.encode.finetuned.PretrainedEncoder;
import dev.songmood.encode.finetuned.QuadrantHeads;
import dev.songmood.encode.sparknlp.SparkNlpEmbeddings;
import dev.songmood.encode.sparknlp.SparkNlpSongVectors;
import dev.songmood.input.Fields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A fine-tuned encoder and its heads, labelling songs through the same ONNX Runtime path as the pre-trained encoders:
 * the base graph from its Maven jar with the fine-tuned layers written back in ({@link OnnxGraph}), rebuilt once per
 * executor JVM; chunks, pooling and batching as {@link LyricsEncoder}; then the quadrant head (probability,
 * prediction) and the valence/arousal head ({@value #VALENCE_COL}, {@value #AROUSAL_COL}, on the training labels'
 * scale).
 *
 * <p>Saved as Spark ML metadata plus {@code weights/encoder.bin} (only the layers fine-tuning changed) and
 * {@code weights/heads.bin}: a fine-tuned MiniLM with 3 trained layers is about 21 MB, not the 90 MB of a whole
 * encoder. Both SHA-256s are pinned in the metadata, with the base weights' SHA-256; loading refuses a model whose
 * base jar or weight files differ.
 *
 * <p><b>Engines.</b> {@code engine} "onnxruntime" (the default) runs the rebuilt graph in this stage's own ONNX Runtime
 * session; "sparknlp" runs it as a Spark NLP annotator ({@link #exportSparkNlp} writes one; {@code sparkNlpAnnotator}
 * names it), chunked and pooled the same way ({@link SparkNlpSongVectors}), so both give the same quadrants. The
 * engine is chosen at labelling time ({@link #withSparkNlp}) and is not part of the model's identity.
 */
public final class FineTunedClassifier extends Transformer implements MLWritable, PartitionStage, LocalStage {
  private static final long serialVersionUID = 1L;
  public static final String VALENCE_COL = Fields.VALENCE_PREDICTED;
  public static final String AROUSAL_COL = Fields.AROUSAL_PREDICTED;
  static final String ENCODER_FILE = "weights/encoder.bin";
  static final String HEADS_FILE = "weights/heads.bin";
  public static final String ENGINE_ONNXRUNTIME = "onnxruntime";
  public static final String ENGINE_SPARKNLP = "sparknlp";
  private static final String SONG_VECTOR = "finetuned_song_vector";

  private final String uid;
  private NamedTensors encoderWeights;
  private NamedTensors headWeights;
  private final Param<String> inputCol;
  private final Param<String> outputPrefix;
  private final Param<String> model;
  private final Param<String> baseSha256;
  private final Param<String> encoderSha256;
  private final Param<String> headsSha256;
  private final IntParam chunkTokens;
  private final IntParam batchSize;
  private final IntParam threads;
  private final BooleanParam coordinates;
  private final Param<String> engine;
  private final Param<String> sparkNlpAnnotator;

  public FineTunedClassifier(String baseModel, NamedTensors encoderWeights, NamedTensors headWeights,
      int chunkTokens, boolean coordinates) {
    this(Identifiable$.MODULE$.randomUID("fineTunedClassifier"));
    setWeights(encoderWeights, headWeights);
    set(model, baseModel);
    set(baseSha256, new PretrainedEncoder(EncoderModel.parse(baseModel)).weightsSha256());
    set(this.chunkTokens, chunkTokens);
    set(this.coordinates, coordinates);
  }

  public FineTunedClassifier(String uid) {
    this.uid = uid;
    inputCol = new Param<>(this, "inputCol", "lightly normalised lyrics");
    outputPrefix = new Param<>(this, "outputPrefix", "prefix of the probability and prediction columns");
    model = new Param<>(this, "model", "base encoder id (fp32), e.g. all-minilm-l6-v2");
    baseSha256 = new Param<>(this, "baseSha256", "SHA-256 of the base encoder's .onnx file");
    encoderSha256 = new Param<>(this, "encoderSha256", "SHA-256 of the fine-tuned encoder layers (encoder.bin)");
    headsSha256 = new Param<>(this, "headsSha256", "SHA-256 of the heads (heads.bin)");
    chunkTokens = new IntParam(this, "chunkTokens", "most WordPiece tokens per chunk", ParamValidators.inRange(8, 510));
    batchSize = new IntParam(this, "batchSize", "chunks per ONNX Runtime call", ParamValidators.gt(0));
    threads = new IntParam(this, "threads", "ONNX Runtime intra-op threads per task", ParamValidators.gt(0));
    coordinates = new BooleanParam(this, "coordinates", "whether the valence/arousal head was trained");
    engine = new Param<>(this, "engine", "what runs the encoder: onnxruntime or sparknlp",
        ParamValidators.inArray(new String[] {ENGINE_ONNXRUNTIME, ENGINE_SPARKNLP}));
    sparkNlpAnnotator = new Param<>(this, "sparkNlpAnnotator", "the saved Spark NLP annotator of this encoder "
        + "(engine sparknlp)");
    setDefault(inputCol, Fields.LIGHT_LYRICS);
    setDefault(outputPrefix, "");
    setDefault(batchSize, 8);
    setDefault(threads, 1);
    setDefault(coordinates, false);
    setDefault(engine, ENGINE_ONNXRUNTIME);
  }

  private void setWeights(NamedTensors encoder, NamedTensors heads) {
    this.encoderWeights = encoder;
    this.headWeights = heads;
    set(encoderSha256, encoder.sha256());
    set(headsSha256, heads.sha256());
  }

  // Spark ML finds a stage's params through public accessors like these.
  public Param<String> inputCol() { return inputCol; }
  public Param<String> outputPrefix() { return outputPrefix; }
  public Param<String> model() { return model; }
  public Param<String> baseSha256() { return baseSha256; }
  public Param<String> encoderSha256() { return encoderSha256; }
  public Param<String> headsSha256() { return headsSha256; }
  public IntParam chunkTokensParam() { return chunkTokens; }
  public IntParam batchSize() { return batchSize; }
  public IntParam threads() { return threads; }
  public BooleanParam coordinates() { return coordinates; }
  public Param<String> engine() { return engine; }
  public Param<String> sparkNlpAnnotator() { return sparkNlpAnnotator; }

  public FineTunedClassifier setOutputPrefix(String value) { set(outputPrefix, value); return this; }
  public FineTunedClassifier setBatchSize(int value) { set(batchSize, value); return this; }
  public FineTunedClassifier setThreads(int value) { set(threads, value); return this; }

  public String baseModel() { return $(model); }
  public int chunkTokens() { return TypedParams.get(this, chunkTokens); }
  public int getBatchSize() { return TypedParams.get(this, batchSize); }
  public int getThreads() { return TypedParams.get(this, threads); }
  public boolean hasCoordinates() { return TypedParams.get(this, coordinates); }
  public NamedTensors encoderWeights() { return encoderWeights; }
  public NamedTensors headWeights() { return headWeights; }

  /** The whole fine-tuned encoder as an ONNX graph (the base graph with the trained layers written in). */
  public byte[] onnx() {
    return OnnxGraph.of(EncoderModel.parse($(model))).withWeights(encoderWeights);
  }

  /**
   * Writes this encoder (the rebuilt ONNX graph, the base model's vocabulary and pooling) as a saved Spark NLP
   * annotator at {@code target} ({@code E5Embeddings} for mean-pooled MiniLM, {@code BGEEmbeddings} for bge), or
   * returns at once when {@code target} already holds one. Any Spark NLP pipeline loads it; its vectors are the
   * chunk vectors before this model's unit scaling, pooling and heads. One import per JVM (Spark NLP's limit).
   */
  public String exportSparkNlp(SparkSession spark, String target) {
    return SparkNlpEmbeddings.importOnnx(spark, EncoderModel.parse($(model)), this::onnx,
        $(model) + "-finetuned-" + $(encoderSha256).substring(0, 12), target);
  }

  /** A copy that labels through the saved Spark NLP annotator at {@code annotator} ({@link #exportSparkNlp}). */
  public FineTunedClassifier withSparkNlp(String annotator) {
    FineTunedClassifier copy = copy(ParamMap.empty());
    copy.set(copy.engine, ENGINE_SPARKNLP);
    copy.set(copy.sparkNlpAnnotator, annotator);
    return copy;
  }

  /** What the saved model records about its encoder. */
  public Map<String, Object> describe() {
    EncoderModel m = EncoderModel.parse($(model));
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("model", m.id());
    d.put("artifact", m.coordinates());
    d.put("weights_sha256", $(baseSha256));
    d.put("fine_tuned", true);
    d.put("fine_tuned_layers_sha256", $(encoderSha256));
    d.put("fine_tuned_layers", encoderWeights.names().stream().filter(n -> n.startsWith("encoder.layer."))
        .map(n -> n.replaceFirst("^(encoder\\.layer\\.\\d+)\\..*", "$1")).distinct().toList());
    d.put("heads_sha256", $(headsSha256));
    d.put("chunk_tokens", $(chunkTokens));
    d.put("chunk_overlap", 0);
    d.put("song_pooling", "mean");
    d.put("engine", "djl-onnxruntime");
    return d;
  }

  @Override
  public String uid() { return uid; }

  @Override
  public StructType transformSchema(StructType schema) {
    StageSchemas.requireString(schema, $(inputCol), this);
    StructType out = StageSchemas.addColumn(schema, $(outputPrefix) + Fields.PROBABILITY, SQLDataTypes.VectorType());
    out = StageSchemas.addColumn(out, $(outputPrefix) + Fields.PREDICTION, DataTypes.DoubleType);
    out = StageSchemas.addColumn(out, VALENCE_COL, DataTypes.DoubleType);
    return StageSchemas.addColumn(out, AROUSAL_COL, DataTypes.DoubleType);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    if (ENGINE_SPARKNLP.equals($(engine))) {
      Dataset<Row> input = withoutOutputs(dataset);
      return transformWithSparkNlp(input, transformSchema(input.schema()), FineTunedHeads.of(headWeights),
          hasCoordinates());
    }
    return work(dataset).onExecutors();
  }

  /** The default engine's work (ONNX Runtime per partition); null with the Spark NLP engine, which joins. */
  @Override
  public PartitionWork work(Dataset<?> dataset, String skipCol) {
    if (ENGINE_SPARKNLP.equals($(engine))) {
      return null;
    }
    Dataset<Row> input = withoutOutputs(dataset);
    StructType out = transformSchema(input.schema());
    final QuadrantHeads heads = FineTunedHeads.of(headWeights);
    final boolean withCoordinates = hasCoordinates();
    return SongBlocks.work(input, out, $(inputCol), plan(),
        vector -> FineTunedHeads.columns(heads, vector, withCoordinates), skipCol);
  }

  /** How this stage encodes: the base graph with the fine-tuned layers in, chunks without overlap, mean pooling. */
  private SongBlocks.Plan plan() {
    final String base = $(model);
    final String variant = $(encoderSha256);
    final NamedTensors layers = encoderWeights;
    return new SongBlocks.Plan((threads, gpu) -> FineTunedHeads.encoding(base, variant, layers, threads, gpu),
        getThreads(), chunkTokens(), 0, "mean", getBatchSize());
  }

  @Override
  public boolean runsLocally() { return !ENGINE_SPARKNLP.equals($(engine)); }

  @Override
  public void applyLocally(List<Map<String, Object>> songs) {
    float[][] vectors = SongBlocks.encodeInPlace(songs, $(inputCol), plan());
    QuadrantHeads heads = FineTunedHeads.of(headWeights);
    for (int i = 0; i < vectors.length; i++) {
      FineTunedHeads.putColumns(songs.get(i), $(outputPrefix), heads, vectors[i], hasCoordinates());
    }
  }

  private Dataset<Row> withoutOutputs(Dataset<?> dataset) {
    String prefix = $(outputPrefix);
    return dataset.toDF().drop(prefix + Fields.PROBABILITY, prefix + Fields.PREDICTION, VALENCE_COL, AROUSAL_COL);
  }

  /** The Spark NLP engine: song vectors from the annotator, joined back by id, then the same heads. */
  private Dataset<Row> transformWithSparkNlp(Dataset<Row> input, StructType out, QuadrantHeads heads,
      boolean withCoordinates) {
    if (!isDefined(sparkNlpAnnotator)) {
      throw new IllegalStateException("engine sparknlp needs sparkNlpAnnotator: the saved annotator's path");
    }
    StageSchemas.requireString(input.schema(), Fields.ID, this);
    Dataset<Row> joined = SparkNlpSongVectors.attach(input, Fields.ID, $(inputCol), EncoderModel.parse($(model)),
        chunkTokens(), $(sparkNlpAnnotator), SONG_VECTOR);
    return FineTunedHeads.appendTo(joined, input.columns().length, out, heads, withCoordinates);
  }

  @Override
  public FineTunedClassifier copy(ParamMap extra) {
    FineTunedClassifier copy = new FineTunedClassifier(uid);
    copy.encoderWeights = encoderWeights;
    copy.headWeights = headWeights;
    return copyValues(copy, extra);
  }

  @Override
  public MLWriter write() {
    return new FineTunedFiles.Writer(this);
  }

  public static MLReader<FineTunedClassifier> read() {
    return new FineTunedFiles.Reader();
  }

  public static FineTunedClassifier load(String path) {
    return read().load(path);
  }

  /** Sets the weights a saved stage was loaded with (their SHA-256s are already in its params). */
  void loadedWeights(NamedTensors encoder, NamedTensors heads) {
    this.encoderWeights = encoder;
    this.headWeights = heads;
  }
}
