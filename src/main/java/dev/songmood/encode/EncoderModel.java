package dev.songmood.encode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The pre-trained sentence encoders the job can use. Each one is an ONNX BERT-architecture encoder with its WordPiece
 * {@code tokenizer.json}, read as classpath resources from a langchain4j embeddings jar on Maven Central (the only
 * source reachable offline). The id is what users type and what provenance records; note that the bge jars name their
 * resources {@code bge-small-en-v1.5...} while their id and artifact say {@code v15}.
 */
public enum EncoderModel {
  ALL_MINILM_L6_V2("all-minilm-l6-v2", "all-minilm-l6-v2", Pooling.MEAN, ""),
  ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", "all-minilm-l6-v2-q", Pooling.MEAN, ""),
  BGE_SMALL_EN_V15("bge-small-en-v15", "bge-small-en-v1.5", Pooling.CLS, ""),
  BGE_SMALL_EN_V15_Q("bge-small-en-v15-q", "bge-small-en-v1.5-q", Pooling.CLS, ""),
  /** e5 was trained with "query: " / "passage: " prefixes; "query: " is the one for symmetric tasks. */
  E5_SMALL_V2_Q("e5-small-v2-q", "e5-small-v2-q", Pooling.MEAN, "query: ");

  /** How one chunk's token vectors become one vector: the way each model was trained to be used. */
  public enum Pooling {
    /** Average over the real (unmasked) tokens, [CLS] and [SEP] included, as sentence-transformers does. */
    MEAN,
    /** The [CLS] token's vector. */
    CLS;

    /**
     * Pools the {@code length} real tokens of one padded row of token states starting at {@code rowStart}, into a
     * unit vector. Padding never enters the mean: that is what keeps a chunk's vector independent of its batch.
     */
    public float[] pool(FloatBuffer states, int rowStart, int length, int dim) {
      float[] v = new float[dim];
      if (this == CLS) {
        states.get(rowStart, v);
      } else {
        double[] sum = new double[dim];
        for (int t = 0; t < length; t++) {
          for (int d = 0; d < dim; d++) {
            sum[d] += states.get(rowStart + t * dim + d);
          }
        }
        for (int d = 0; d < dim; d++) {
          v[d] = (float) (sum[d] / length);
        }
      }
      return SongPooling.l2Normalise(v);
    }
  }

  public static final String GROUP_ID = "dev.langchain4j";
  /** The version in the pom; {@link #coordinates()} reports the one actually on the classpath. */
  public static final String EXPECTED_VERSION = "1.20.0-beta30";
  public static final int DIMENSION = 384;
  public static final int MAX_POSITIONS = 512;
  /** The encoder that training searches by default, and whose tokenizer {@code profile} counts tokens with. */
  public static final String DEFAULT_ID = "all-minilm-l6-v2-q";
  /** Most WordPiece tokens per chunk by default (training's grid, and the budget {@code profile} measures against). */
  public static final int CHUNK_TOKENS_DEFAULT = 256;

  private final String id;
  private final String resourceBase;
  private final Pooling pooling;
  private final String textPrefix;

  EncoderModel(String id, String resourceBase, Pooling pooling, String textPrefix) {
    this.id = id;
    this.resourceBase = resourceBase;
    this.pooling = pooling;
    this.textPrefix = textPrefix;
  }

  public String id() { return id; }

  /** Classpath resource (at the jar's root) holding the ONNX graph and weights. */
  public String onnxResource() { return resourceBase + ".onnx"; }

  /** Classpath resource holding the HuggingFace tokenizer definition. */
  public String tokenizerResource() { return resourceBase + "-tokenizer.json"; }

  public String artifactId() { return "langchain4j-embeddings-" + id; }

  public Pooling pooling() { return pooling; }

  /** Text the model expects in front of every input ("" for none). */
  public String textPrefix() { return textPrefix; }

  public int dimension() { return DIMENSION; }

  /** Longest input the position embeddings allow, [CLS] and [SEP] included. */
  public int maxPositions() { return MAX_POSITIONS; }

  /** True for the int8 (dynamically quantised) variants, whose output depends slightly on batch neighbours. */
  public boolean quantized() { return id.endsWith("-q"); }

  /**
   * Opens one of this model's classpath resources, or fails naming where it ships: the int8 encoders are in the job
   * jar, the fp32 ones (which fine-tuning starts from and fine-tuned models rebuild on) in the training layer.
   */
  public InputStream open(String resource) {
    InputStream in = EncoderModel.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(notOnClasspath(resource + " (" + coordinates() + ")"));
    }
    return in;
  }

  /** The job jar's name for the jar that carries PyTorch and the fp32 encoders (see pom.xml). */
  public static final String TRAINING_LAYER = "songmood-<version>-training.jar";

  /** The message for a missing piece of the training layer. */
  public static String notOnClasspath(String what) {
    return what + " is not on the classpath. PyTorch and the fp32 encoders, which fine-tuning and fine-tuned "
        + "models need, ship in " + TRAINING_LAYER + " beside the job jar: add it with spark-submit --jars "
        + "(submit.sh does when it finds it), or put the Maven artifacts on the classpath";
  }

  /** {@code group:artifact:version} of the jar the model is read from, for provenance. */
  public String coordinates() {
    String path = "META-INF/maven/" + GROUP_ID + "/" + artifactId() + "/pom.properties";
    String version = EXPECTED_VERSION;
    try (InputStream in = EncoderModel.class.getClassLoader().getResourceAsStream(path)) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        version = p.getProperty("version", EXPECTED_VERSION);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
    return GROUP_ID + ":" + artifactId() + ":" + version;
  }

  /** The model with this id (case and surrounding blanks ignored). */
  public static EncoderModel parse(String id) {
    String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
    for (EncoderModel m : values()) {
      if (m.id.equals(wanted)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown encoder model '" + id + "'; valid ids: " + validIds());
  }

  public static String validIds() {
    return Arrays.stream(values()).map(EncoderModel::id).collect(Collectors.joining(", "));
  }
}
