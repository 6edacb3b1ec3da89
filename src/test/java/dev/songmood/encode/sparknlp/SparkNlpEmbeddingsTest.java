package dev.songmood.encode.sparknlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import dev.songmood.encode.EncoderModel;
import dev.songmood.SparkTestBaseAccess;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark NLP's vectors against a reference computed here from first principles with DJL's ONNX Runtime and
 * HuggingFace tokenizer: the same fp32 all-MiniLM-L6-v2 file, one text per call (no padding), mean of the token
 * vectors over the real tokens. Offline: the model comes from its Maven jar.
 *
 * <p>This test imports one encoder (Spark NLP allows one import per JVM) and creates DJL's ONNX Runtime
 * environment before Spark NLP's, as any JVM that runs both engines must.
 */
@Tag("slow")
class SparkNlpEmbeddingsTest {
  private static final EncoderModel MODEL = EncoderModel.ALL_MINILM_L6_V2;
  // 0/1 and 2/3 say the same thing in other words; 4 is about something else entirely
  private static final String[] TEXTS = {
      "I am so happy today, I want to sing and dance in the sun",
      "Feeling joyful and glad, let us dance and sing all day",
      "My heart is broken and I cry alone every night",
      "Tears every night since you left me, I am lonely and sad",
      "The quarterly tax report is due at the end of the month",
  };

  @TempDir static Path cache;
  private static float[][] reference;
  private static SparkSession spark;
  private static PipelineModel encoder;
  private static double[][] vectors;

  @BeforeAll
  static void encodeWithBothEngines() throws Exception {
    Engine.getEngine("OnnxRuntime"); // DJL's ONNX Runtime environment first, then Spark NLP's
    reference = djlReference(TEXTS);

    spark = SparkTestBaseAccess.session();
    // a test harness setting: one ONNX thread per task, as conf/ should set for a job
    spark.conf().set("spark.jsl.settings.onnx.intraOpNumThreads", "1");
    encoder = SparkNlpEmbeddings.pipeline(spark, MODEL.id(), cache.toString(), 1);
    vectors = embed(encoder, TEXTS);
  }

  @Test
  void vectorsHave384Dimensions() {
    for (double[] v : vectors) {
      assertEquals(384, v.length);
    }
    assertEquals(384, reference[0].length);
  }

  @Test
  void sparkNlpAgreesWithDjlOnnxRuntime() {
    for (int i = 0; i < TEXTS.length; i++) {
      double cos = cosine(vectors[i], toDouble(reference[i]));
      assertTrue(cos > 0.99, "text " + i + ": cosine " + cos + " between Spark NLP and DJL");
    }
  }

  @Test
  void similarTextsAreCloserThanDissimilarOnes() {
    double happyPair = cosine(vectors[0], vectors[1]);
    double sadPair = cosine(vectors[2], vectors[3]);
    for (int i = 0; i < 4; i++) {
      assertTrue(cosine(vectors[i], vectors[4]) < Math.min(happyPair, sadPair),
          "text " + i + " is closer to the tax report than the paraphrases are to each other");
    }
    assertTrue(cosine(vectors[0], vectors[2]) < happyPair && cosine(vectors[0], vectors[2]) < sadPair,
        "happy and sad texts are closer than paraphrases");
  }

  @Test
  void secondCallReusesTheCache() throws Exception {
    PipelineModel again = SparkNlpEmbeddings.pipeline(spark, MODEL.id(), cache.toString(), 1);
    try (Stream<Path> entries = Files.list(cache)) {
      assertEquals(1, entries.filter(p -> !p.getFileName().toString().startsWith(".")).count(),
          "one imported encoder in the cache");
    }
    double[][] twice = embed(again, new String[] {TEXTS[2]});
    assertTrue(cosine(twice[0], vectors[2]) > 0.99999, "the cached encoder gives the same vector");
  }

  @Test
  void blankTextFailsInsteadOfShiftingVectors() {
    Exception e = assertThrows(Exception.class, () -> embed(encoder, new String[] {"a line", " \n\t "}));
    assertTrue(rootMessage(e).contains("null or blank text"), rootMessage(e));
  }

  @Test
  void paddedBatchesAreRefusedForMeanPooling() {
    // Spark NLP 5.5.3 pools padded rows with another row's mask: batch 8 gave cosine 0.975 on text 1 here
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparkNlpEmbeddings.pipeline(spark, MODEL.id(), cache.toString(), 8));
    assertTrue(e.getMessage().contains("batchSize 1"), e.getMessage());
  }

  @Test
  void unknownModelIdIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparkNlpEmbeddings.pipeline(spark, "bert-base", cache.toString(), 8));
    assertTrue(e.getMessage().contains("all-minilm-l6-v2"), e.getMessage());
  }

  private static double[][] embed(PipelineModel model, String[] texts) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      rows.add(RowFactory.create(i, texts[i]));
    }
    StructType schema = new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType);
    Dataset<Row> input = spark.createDataFrame(rows, schema);
    List<Row> out = model.transform(input).select("id", SparkNlpEmbeddings.OUTPUT_COL_DEFAULT).orderBy("id")
        .collectAsList();
    assertEquals(texts.length, out.size(), "one vector per text");
    double[][] v = new double[texts.length][];
    for (Row r : out) {
      v[r.getInt(0)] = ((Vector) r.get(1)).toArray();
    }
    return v;
  }

  /** DJL + ONNX Runtime, one text per call: mean of last_hidden_state over the attention mask. */
  private static float[][] djlReference(String[] texts) throws Exception {
    Path dir = Files.createDirectories(cache.resolve(".djl"));
    try (InputStream in = resource(MODEL.onnxResource())) {
      Files.copy(in, dir.resolve("model.onnx"));
    }
    HuggingFaceTokenizer tokenizer;
    try (InputStream in = resource(MODEL.tokenizerResource())) {
      // the tokenizer.json pads and truncates to 128: neither is wanted for a one-text reference
      tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false", "truncation", "false"));
    }
    Criteria<NDList, NDList> criteria = Criteria.builder()
        .setTypes(NDList.class, NDList.class)
        .optModelPath(dir)
        .optModelName("model")
        .optEngine("OnnxRuntime")
        .optOption("intraOpNumThreads", "1")
        .optOption("interOpNumThreads", "1")
        .build();
    float[][] out = new float[texts.length][];
    try (tokenizer;
        ZooModel<NDList, NDList> model = criteria.loadModel();
        Predictor<NDList, NDList> predictor = model.newPredictor()) {
      for (int i = 0; i < texts.length; i++) {
        Encoding enc = tokenizer.encode(texts[i]);
        long[] ids = enc.getIds();
        long[] mask = enc.getAttentionMask();
        assertTrue(ids.length < 64 && ids[0] == 101 && ids[ids.length - 1] == 102, "[CLS] text [SEP], unpadded");
        try (NDManager m = model.getNDManager().newSubManager()) {
          NDArray idArr = m.create(new long[][] {ids});
          idArr.setName("input_ids");
          NDArray maskArr = m.create(new long[][] {mask});
          maskArr.setName("attention_mask");
          NDArray typeArr = m.create(new long[][] {enc.getTypeIds()});
          typeArr.setName("token_type_ids");
          NDList result = predictor.predict(new NDList(idArr, maskArr, typeArr));
          NDArray hidden = result.contains("last_hidden_state") ? result.get("last_hidden_state") : result.get(0);
          out[i] = meanOverMask(hidden.toFloatArray(), mask, (int) hidden.getShape().get(2));
        }
      }
    }
    return out;
  }

  private static float[] meanOverMask(float[] hidden, long[] mask, int dim) {
    float[] sum = new float[dim];
    int n = 0;
    for (int t = 0; t < mask.length; t++) {
      if (mask[t] == 0) {
        continue;
      }
      n++;
      for (int d = 0; d < dim; d++) {
        sum[d] += hidden[t * dim + d];
      }
    }
    for (int d = 0; d < dim; d++) {
      sum[d] /= n;
    }
    return sum;
  }

  /** Cosine similarity, which is the dot product after L2 normalisation of both vectors. */
  private static double cosine(double[] a, double[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / (Math.sqrt(na) * Math.sqrt(nb));
  }

  private static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  private static InputStream resource(String name) {
    InputStream in = SparkNlpEmbeddingsTest.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("classpath resource " + name + " not found");
    }
    return in;
  }

  private static String rootMessage(Throwable t) {
    StringBuilder all = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      all.append(c.getMessage()).append(" / ");
    }
    return all.toString();
  }
}
