package dev.songmood.encode.sparknlp;

import com.johnsnowlabs.nlp.AnnotatorModel;
import com.johnsnowlabs.nlp.DocumentAssembler;
import com.johnsnowlabs.nlp.EmbeddingsFinisher;
import com.johnsnowlabs.nlp.embeddings.BGEEmbeddings;
import com.johnsnowlabs.nlp.embeddings.E5Embeddings;
import dev.songmood.encode.EncoderModel;
import dev.songmood.io.SqlText;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spark NLP 5.5.3 as the second encoder engine: a ready {@link PipelineModel} that maps a string column of chunk
 * texts to one sentence vector per row, computed by Spark NLP's ONNX Runtime from the same encoder files the DJL
 * engine reads (the langchain4j model jars on the classpath: {@code <name>.onnx} + {@code <name>-tokenizer.json}).
 *
 * <pre>{@code
 * Engine.getEngine("OnnxRuntime");   // only if this JVM also uses DJL: its ONNX Runtime environment first
 * PipelineModel encoder = SparkNlpEmbeddings.pipeline(spark, "all-minilm-l6-v2-q", "/var/cache/songmood/sparknlp", 1);
 * Dataset<Row> vectors = encoder.transform(chunks);   // chunks: a non-blank string column "text"
 * // adds "embedding": an ml.linalg.Vector of 384 values, not normalised
 * }</pre>
 *
 * <p>Stages: a guard that fails the job on a null or blank text, {@code DocumentAssembler}, {@link E5Embeddings}
 * (mean of the token vectors over the real tokens: all-MiniLM and e5) or {@link BGEEmbeddings} (the [CLS] vector:
 * bge), {@link EmbeddingsFinisher}, and a SQL stage that takes the single vector out of the finisher's array. The
 * model saves and loads as one {@code PipelineModel}, ONNX weights included.
 *
 * <p><b>Import once per JVM, then load.</b> Spark NLP imports an ONNX encoder from a folder ({@code model.onnx} +
 * {@code assets/vocab.txt}) with {@code loadSavedModel}, which registers {@code model.onnx} with
 * {@code SparkContext.addFile}: a second import of another encoder in the same JVM fails ("File .../model.onnx
 * exists and does not match contents"). So this class imports at most one encoder per JVM (a second one is an
 * {@link IllegalStateException}), saves it to {@code cacheDir/<id>-<fingerprint of the ONNX file>} and always loads
 * from there; a load names its ONNX copy uniquely, so any number of cached encoders load in one JVM. Fill the cache
 * for several encoders with one JVM per encoder. The import folder is kept until the JVM exits, because executors
 * fetch files registered with {@code addFile} lazily.
 *
 * <p><b>Batch size.</b> Spark NLP 5.5.3 mean-pools a padded row of a batch with another row's attention mask, so
 * mean-pooled encoders (MiniLM, e5) only give the right vectors with batch size 1, and other sizes are refused;
 * the [CLS] vector of bge does not depend on padding, so any batch size is right for bge.
 *
 * <p><b>Settings the caller owns.</b> Spark NLP reads {@code spark.jsl.settings.onnx.intraOpNumThreads} from the
 * session when an encoder is loaded (here), so set it before calling this class, in {@code conf/}, not in code.
 * Its default of 6 threads per task ran 2.5 times slower than 1 on 2 cores: give it the cores per task (usually 1).
 *
 * <p><b>ONNX Runtime environment.</b> A JVM has one. DJL creates it with global thread-pool options and throws
 * {@code IllegalStateException} ("Tried to specify the thread pool when creating an OrtEnvironment, but one already
 * exists") if Spark NLP created it first; Spark NLP takes whichever exists. A JVM that runs both engines must call
 * {@code ai.djl.engine.Engine.getEngine("OnnxRuntime")} (or load any DJL ONNX Runtime model) before it calls this
 * class or loads a saved Spark NLP encoder.
 *
 * <p><b>Input.</b> Never feed a null or blank text: Spark NLP 5.5.3 makes no annotation for it, and a row without
 * annotations can shift later rows' vectors. The guard stage fails the job instead; callers drop empty chunks (into
 * the quarantine, with a reason) before embedding. Texts longer than {@value #MAX_TOKENS} WordPiece tokens
 * ([CLS] and [SEP] included) are truncated.
 *
 * <p><b>Temporary files.</b> Each load of a saved Spark NLP encoder leaves two copies of the ONNX file in
 * {@code java.io.tmpdir} (folders {@code <12 hex>_..._onnx<digits>}) that Spark NLP never deletes; this class
 * deletes the ones its own loads made when the JVM exits. A {@code PipelineModel.load} of a saved pipeline made
 * elsewhere leaves them too.
 */
public final class SparkNlpEmbeddings {
  private static final Logger LOG = LoggerFactory.getLogger(SparkNlpEmbeddings.class);

  /** Default name of the input column of chunk texts. */
  public static final String INPUT_COL_DEFAULT = "text";
  /** Default name of the output vector column. */
  public static final String OUTPUT_COL_DEFAULT = "embedding";
  /** Column of the finisher's one-element array of vectors, left in the output. */
  public static final String FINISHED_COL = "sparknlp_vectors";
  /** Longest input in WordPiece tokens, [CLS] and [SEP] included: the encoders' position table. */
  public static final int MAX_TOKENS = 512;
  /** The Spark setting of Spark NLP's ONNX Runtime threads per task. */
  public static final String INTRA_OP_THREADS_CONF = "spark.jsl.settings.onnx.intraOpNumThreads";

  private static final String DOCUMENT_COL = "sparknlp_document";
  private static final String ANNOTATION_COL = "sparknlp_sentence_embeddings";

  /** What this JVM imported with loadSavedModel: at most one ONNX graph (see the class comment). */
  private static String importedInThisJvm;

  private SparkNlpEmbeddings() {}

  /** {@link #pipeline(SparkSession, String, String, int, String, String)} from "text" to "embedding". */
  public static PipelineModel pipeline(SparkSession spark, String modelId, String cacheDir, int batchSize) {
    return pipeline(spark, modelId, cacheDir, batchSize, INPUT_COL_DEFAULT, OUTPUT_COL_DEFAULT);
  }

  /**
   * A ready pipeline from {@code inputCol} (non-blank strings) to {@code outputCol} (a dense
   * {@code ml.linalg.Vector} of {@link EncoderModel#DIMENSION} values, not normalised); it also leaves
   * {@value #FINISHED_COL} (the same vector in a one-element array) and drops Spark NLP's annotation columns.
   *
   * @param cacheDir a Hadoop path (local directory or file system URI) that holds imported encoders; created if
   *     missing, reused when it already holds this encoder
   * @param batchSize rows per ONNX Runtime call; must be 1 for mean-pooled encoders (see the class comment)
   */
  public static PipelineModel pipeline(SparkSession spark, String modelId, String cacheDir, int batchSize,
      String inputCol, String outputCol) {
    EncoderModel encoder = EncoderModel.parse(modelId);
    checkArguments(encoder, batchSize, inputCol, outputCol);
    return savedPipeline(spark, encoder, importedEncoder(spark, modelId, cacheDir), batchSize, inputCol, outputCol);
  }

  /**
   * {@link #pipeline} around an annotator already saved at {@code saved} (by {@link #importedEncoder} or
   * {@link #importOnnx}) whose graph has {@code encoder}'s architecture, vocabulary and pooling.
   */
  public static PipelineModel savedPipeline(SparkSession spark, EncoderModel encoder, String saved, int batchSize,
      String inputCol, String outputCol) {
    checkArguments(encoder, batchSize, inputCol, outputCol);
    if (spark.conf().getOption(INTRA_OP_THREADS_CONF).isEmpty()) {
      LOG.warn("{} is not set: Spark NLP runs 6 ONNX Runtime threads per task (set it to the cores per task)",
          INTRA_OP_THREADS_CONF);
    }
    AnnotatorModel<?> embeddings = SparkNlpTempCopies.deletingAtExit(() -> loadEmbeddings(encoder, saved, batchSize));

    SQLTransformer guard = new SQLTransformer().setStatement(String.format(Locale.ROOT,
        "SELECT * FROM __THIS__ WHERE assert_true(%1$s IS NOT NULL AND length(regexp_replace(%1$s, '\\\\s', ''))"
            + " > 0, %2$s) IS NULL", SqlText.identifier(inputCol), SqlText.literal("SparkNlpEmbeddings: null or blank "
            + "text in column " + inputCol + "; drop empty chunks before embedding")));
    DocumentAssembler document = new DocumentAssembler().setInputCol(inputCol);
    document.setOutputCol(DOCUMENT_COL);
    EmbeddingsFinisher finisher = new EmbeddingsFinisher()
        .setInputCols(new String[] {ANNOTATION_COL})
        .setOutputCols(new String[] {FINISHED_COL})
        .setOutputAsVector(true)
        .setCleanAnnotations(true);
    SQLTransformer single = new SQLTransformer().setStatement(String.format(Locale.ROOT,
        "SELECT *, element_at(%s, 1) AS %s FROM __THIS__", SqlText.identifier(FINISHED_COL),
        SqlText.identifier(outputCol)));

    // fitting transformers only assembles them: nothing runs on the empty frame but schema checks
    return new Pipeline()
        .setStages(new PipelineStage[] {guard, document, embeddings, finisher, single})
        .fit(spark.createDataFrame(List.<Row>of(), new StructType().add(inputCol, DataTypes.StringType)));
  }

  private static void checkArguments(EncoderModel encoder, int batchSize, String inputCol, String outputCol) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
    if (encoder.pooling() == EncoderModel.Pooling.MEAN && batchSize > 1) {
      throw new IllegalArgumentException("batchSize " + batchSize + " for " + encoder.id() + ": Spark NLP 5.5.3 "
          + "mean-pools a padded row of a batch with another row's attention mask (cosine down to 0.92 against the "
          + "unpadded vector), so mean-pooled encoders need batchSize 1");
    }
    if (inputCol.equals(outputCol) || Set.of(DOCUMENT_COL, ANNOTATION_COL, FINISHED_COL).contains(outputCol)) {
      throw new IllegalArgumentException("outputCol '" + outputCol + "' clashes with the input or an inner column");
    }
  }

  /**
   * The saved Spark NLP annotator ({@link E5Embeddings} or {@link BGEEmbeddings}) of this encoder under
   * {@code cacheDir}, imported first if the cache does not hold this exact ONNX file. For callers that assemble
   * their own pipeline; {@link #pipeline} uses it.
   */
  public static String importedEncoder(SparkSession spark, String modelId, String cacheDir) {
    EncoderModel encoder = EncoderModel.parse(modelId);
    String fingerprint;
    try {
      fingerprint = EncoderFiles.fingerprint(encoder);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + encoder.onnxResource() + ": " + e.getMessage(), e);
    }
    return importOnnx(spark, encoder, () -> {
      try (InputStream onnx = EncoderFiles.url(encoder.onnxResource()).openStream()) {
        return onnx.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + encoder.onnxResource() + ": " + e.getMessage(), e);
      }
    }, encoder.id(), new org.apache.hadoop.fs.Path(cacheDir, encoder.id() + "-" + fingerprint).toString());
  }

  /**
   * Imports an ONNX graph with {@code encoder}'s architecture, vocabulary and pooling (for instance a fine-tuned
   * copy of its weights) as a saved Spark NLP annotator at {@code target}, or returns {@code target} at once when it
   * already holds one. Written under a temporary name and renamed, so a reader never sees half an annotator.
   *
   * @param storageRef the annotator's storage reference (Spark NLP's name for the vectors it makes)
   */
  public static String importOnnx(SparkSession spark, EncoderModel encoder, Supplier<byte[]> onnx, String storageRef,
      String target) {
    synchronized (SparkNlpEmbeddings.class) {
      org.apache.hadoop.fs.Path targetPath = new org.apache.hadoop.fs.Path(target);
      try {
        FileSystem fs = targetPath.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (fs.exists(new org.apache.hadoop.fs.Path(targetPath, "metadata"))) {
          return targetPath.toString();
        }
        if (importedInThisJvm != null && !importedInThisJvm.equals(storageRef)) {
          throw new IllegalStateException("Spark NLP imports one ONNX encoder per JVM and this JVM imported '"
              + importedInThisJvm + "': import '" + storageRef + "' into " + target
              + " from another JVM, then load it from there");
        }
        importedInThisJvm = storageRef;
        long started = System.nanoTime();
        org.apache.hadoop.fs.Path staging = new org.apache.hadoop.fs.Path(targetPath.getParent(),
            "." + targetPath.getName() + "-importing-" + UUID.randomUUID());
        try {
          SparkNlpTempCopies.deletingAtExit(() -> {
            importTo(spark, encoder, onnx.get(), storageRef, staging.toString());
            return null;
          });
          // publish whole or not at all; if another JVM published the same file meanwhile, use theirs
          if (fs.exists(targetPath) || !fs.rename(staging, targetPath)) {
            if (!fs.exists(new org.apache.hadoop.fs.Path(targetPath, "metadata"))) {
              throw new IOException("could not move the imported encoder from " + staging + " to " + target);
            }
          }
        } finally {
          fs.delete(staging, true);
        }
        LOG.info("imported {} into Spark NLP at {} in {} ms", storageRef, targetPath,
            (System.nanoTime() - started) / 1_000_000);
        return targetPath.toString();
      } catch (IOException e) {
        throw new UncheckedIOException("Spark NLP encoder " + target + ": " + e.getMessage(), e);
      }
    }
  }

  private static AnnotatorModel<?> loadEmbeddings(EncoderModel encoder, String path, int batchSize) {
    if (encoder.pooling() == EncoderModel.Pooling.CLS) {
      BGEEmbeddings bge = (BGEEmbeddings) BGEEmbeddings.read().load(path);
      bge.setBatchSize(batchSize);
      bge.setInputCols(new String[] {DOCUMENT_COL});
      bge.setOutputCol(ANNOTATION_COL);
      return bge;
    }
    E5Embeddings e5 = (E5Embeddings) E5Embeddings.read().load(path);
    e5.setBatchSize(batchSize);
    e5.setInputCols(new String[] {DOCUMENT_COL});
    e5.setOutputCol(ANNOTATION_COL);
    return e5;
  }

  /** loadSavedModel from an import folder (model.onnx + assets/vocab.txt), then save to {@code savePath}. */
  private static void importTo(SparkSession spark, EncoderModel encoder, byte[] onnx, String storageRef,
      String savePath) {
    try {
      Path folder = Files.createTempDirectory("songmood-sparknlp-import-" + encoder.id() + "-");
      SparkNlpTempCopies.deleteAtExit(folder);
      Files.createDirectories(folder.resolve("assets"));
      Files.write(folder.resolve("model.onnx"), onnx);
      Files.write(folder.resolve("assets").resolve("vocab.txt"), EncoderFiles.wordPieceVocabulary(encoder),
          StandardCharsets.UTF_8);

      String dir = folder.toString();
      if (encoder.pooling() == EncoderModel.Pooling.CLS) {
        BGEEmbeddings bge = BGEEmbeddings.loadSavedModel(dir, spark);
        bge.setUseCLSToken(true);
        bge.setCaseSensitive(false);
        bge.setMaxSentenceLength(MAX_TOKENS);
        bge.setDimension(EncoderModel.DIMENSION);
        bge.setStorageRef(storageRef);
        bge.write().overwrite().save(savePath);
      } else {
        E5Embeddings e5 = E5Embeddings.loadSavedModel(dir, spark, false);
        e5.setCaseSensitive(false);
        e5.setMaxSentenceLength(MAX_TOKENS);
        e5.setDimension(EncoderModel.DIMENSION);
        e5.setStorageRef(storageRef);
        e5.write().overwrite().save(savePath);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("importing " + encoder.id() + " into Spark NLP: " + e.getMessage(), e);
    }
  }
}
