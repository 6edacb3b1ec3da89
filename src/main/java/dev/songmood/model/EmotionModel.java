package dev.songmood.model;

import static org.apache.spark.sql.functions.col;

import dev.songmood.input.Fields;
import dev.songmood.io.HadoopFiles;
import dev.songmood.stages.CatalogPriorModel;
import dev.songmood.stages.EncoderCascade;
import dev.songmood.stages.FineTunedClassifier;
import dev.songmood.stages.ProbabilityCalibrator;
import dev.songmood.stages.QuadrantDeriverModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A trained model: one Spark {@link PipelineModel} saved as one directory, with its provenance beside it.
 *
 * <p>The pipeline has three stages, each a saved stage: the quadrant derivation learned from the training labels
 * (a no-op on catalogs without valence/arousal), the preprocessing pipeline (cleaning, then screening unusable
 * lyrics), and the classifier pipeline (features and classifier). Labelling is {@link #screen} then
 * {@link #classify} on the rows the screen accepted, so rejected rows are quarantined instead of being classified.
 * The jobs put {@code songs.ScreenedSongs} between the two halves: {@link #screenLyrics} (quadrants derived as the
 * job's {@code --centre} says, or not at all for a catalog) and {@link #classifyAccepted}.
 *
 * <p>Directory layout: {@code pipeline/} (Spark ML format), {@code provenance.json}, and the publication marker
 * {@code _PUBLISHED} with every file's SHA-256, checked before the model is read ({@link ModelSeal}).
 */
public final class EmotionModel {
  public static final String PIPELINE_DIR = "pipeline";
  public static final String PROVENANCE_FILE = "provenance.json";
  public static final String LYRICS_ONLY = "+lyrics-only";

  private final PipelineModel pipeline;
  private final Provenance provenance;
  /** The classifier's stages ready to run on the driver; made on first use (racing threads make equal ones). */
  private volatile DriverPipeline[] onDriver;

  public EmotionModel(QuadrantDeriverModel labels, PipelineModel preprocess, PipelineModel classifier,
      Provenance provenance) {
    this(new PipelineModel("songmood_" + provenance.version(), List.of(labels, preprocess, classifier)), provenance);
  }

  private EmotionModel(PipelineModel pipeline, Provenance provenance) {
    Transformer[] stages = pipeline.stages();
    if (stages.length != 3 || !(stages[0] instanceof QuadrantDeriverModel) || !(stages[1] instanceof PipelineModel)
        || !(stages[2] instanceof PipelineModel)) {
      throw new IllegalArgumentException("not a songmood model pipeline: stages " + Arrays.toString(stages));
    }
    this.pipeline = pipeline;
    this.provenance = provenance;
  }

  /** Loads a model directory; fails with a clear message before any work when it is missing or not a model. */
  public static EmotionModel load(SparkSession spark, String dir) {
    HadoopFiles files = new HadoopFiles(spark);
    String pipelinePath = dir + "/" + PIPELINE_DIR;
    String provenancePath = dir + "/" + PROVENANCE_FILE;
    if (files.exists(dir)) {  // every file as it was published, before any is read (ModelSeal)
      ModelSeal.verify(files, dir);
    }
    try {
      ModelDirectory.require(files.fs(new Path(dir)), dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the model " + dir, e);
    }
    Provenance provenance = Provenance.fromJson(files.readText(provenancePath));
    PipelineModel pipeline;
    try {
      pipeline = PipelineReader.load(files, pipelinePath);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cannot load the model pipeline at " + pipelinePath + ": " + e.getMessage(), e);
    }
    return new EmotionModel(ModelLanguages.withDetector(pipeline, provenance), provenance);
  }

  /**
   * Saves the pipeline and the provenance into {@code dir} (which must not exist yet); publishing it
   * ({@code io.OutputPublisher#publishSealed}) or {@link ModelSeal#seal} records its hashes.
   */
  public void save(SparkSession spark, String dir) {
    try {
      pipeline.write().save(dir + "/" + PIPELINE_DIR);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot save the model to " + dir, e);
    }
    HadoopFiles files = new HadoopFiles(spark);
    files.writeText(dir + "/" + PROVENANCE_FILE, provenance.toJson());
  }

  public PipelineModel pipeline() { return pipeline; }
  public Provenance provenance() { return provenance; }
  public String version() { return provenance.version(); }

  public QuadrantDeriverModel labels() { return (QuadrantDeriverModel) pipeline.stages()[0]; }
  public PipelineModel preprocess() { return (PipelineModel) pipeline.stages()[1]; }
  public PipelineModel classifier() { return (PipelineModel) pipeline.stages()[2]; }

  /** Whether the classifier reweights the lyrics model by catalog metadata (artist, genre). */
  public boolean hasCatalogPriors() {
    return withoutPriors(classifier()) != classifier();
  }

  /**
   * The same model without its catalog priors: every song labelled from its lyrics alone. Its version is the
   * model's with {@value #LYRICS_ONLY} appended, so predictions made either way are never mistaken for each other.
   */
  public EmotionModel lyricsOnly() {
    PipelineModel stripped = withoutPriors(classifier());
    if (stripped == classifier()) {
      return this;
    }
    Map<String, Object> fields = provenance.fields();
    fields.put("model_version", version() + LYRICS_ONLY);
    return new EmotionModel(new PipelineModel(pipeline.uid(), List.of(labels(), preprocess(), stripped)),
        new Provenance(fields));
  }

  /** The pipeline with every {@link CatalogPriorModel} left out, or the same instance when it has none. */
  private static PipelineModel withoutPriors(PipelineModel model) {
    return replaced(model, stage -> stage instanceof CatalogPriorModel ? null : stage);
  }

  /** The calibration stage at the end of the classifier, if the model was trained with one. */
  public java.util.Optional<ProbabilityCalibrator> calibrator() {
    List<ProbabilityCalibrator> found = new ArrayList<>();
    replaced(classifier(), stage -> {
      if (stage instanceof ProbabilityCalibrator c) {
        found.add(c);
      }
      return stage;
    });
    return found.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(found.get(found.size() - 1));
  }

  /** The same model without its calibration stage (same version): its raw probabilities, for reports. */
  public EmotionModel uncalibrated() {
    PipelineModel stripped = replaced(classifier(), stage -> stage instanceof ProbabilityCalibrator ? null : stage);
    return stripped == classifier() ? this
        : new EmotionModel(new PipelineModel(pipeline.uid(), List.of(labels(), preprocess(), stripped)), provenance);
  }

  /**
   * The same model with {@code calibrator} in place of its own calibration (or appended where it had none), under
   * {@code provenance} (a new version): what {@code evaluate --recalibrate} saves.
   */
  public EmotionModel recalibrated(ProbabilityCalibrator calibrator, Provenance provenance) {
    PipelineModel stripped = uncalibrated().classifier();
    PipelineModel classifier = new PipelineModel(stripped.uid() + "_recalibrated",
        List.<Transformer>of(stripped, calibrator));
    return new EmotionModel(new PipelineModel("songmood_" + provenance.version(), List.of(labels(), preprocess(),
        classifier)), provenance);
  }

  /** The encoder cascade of this model, if it has one ({@link Cascades}). */
  public java.util.Optional<EncoderCascade> cascade() { return Cascades.find(classifier()); }

  /** The same model (same version) with every song through every member: {@code --cascade off}. */
  public EmotionModel withoutCascade() {
    PipelineModel plain = replaced(classifier(), stage -> stage instanceof EncoderCascade c ? c.full() : stage);
    return plain == classifier() ? this
        : new EmotionModel(new PipelineModel(pipeline.uid(), List.of(labels(), preprocess(), plain)), provenance);
  }

  /** The fine-tuned encoder this model labels with; an IllegalArgumentException when it has none or several. */
  public FineTunedClassifier fineTunedEncoder() {
    List<FineTunedClassifier> found = new ArrayList<>();
    replaced(classifier(), stage -> {
      if (stage instanceof FineTunedClassifier f) {
        found.add(f);
      }
      return stage;
    });
    if (found.size() != 1) {
      throw new IllegalArgumentException("model " + version() + " has " + found.size() + " fine-tuned encoders: "
          + "the Spark NLP engine runs models with exactly one (train --classifiers encoder-finetune); others "
          + "label with the default engine");
    }
    return found.get(0);
  }

  /** This model labelling through the saved Spark NLP annotator of its fine-tuned encoder (same version). */
  public EmotionModel withSparkNlp(String annotator) {
    fineTunedEncoder();
    PipelineModel swapped = replaced(classifier(),
        stage -> stage instanceof FineTunedClassifier f ? f.withSparkNlp(annotator) : stage);
    return new EmotionModel(new PipelineModel(pipeline.uid(), List.of(labels(), preprocess(), swapped)), provenance);
  }

  /**
   * The pipeline with each stage (nested pipelines and both paths of a cascade walked) replaced by {@code swap}'s answer, null leaving it
   * out; the same instance when nothing changed.
   */
  static PipelineModel replaced(PipelineModel model, java.util.function.UnaryOperator<Transformer> swap) {
    List<Transformer> kept = new ArrayList<>();
    boolean changed = false;
    for (Transformer stage : model.stages()) {
      Transformer now = stage instanceof PipelineModel inner ? replaced(inner, swap) : swap.apply(stage);
      if (now == stage && stage instanceof EncoderCascade c) {  // both of its paths, as any nested pipeline
        PipelineModel cheap = replaced(c.cheap(), swap);
        PipelineModel full = replaced(c.full(), swap);
        now = cheap == c.cheap() && full == c.full() ? c : c.withPaths(cheap, full);
      }
      changed |= now != stage;
      if (now != null) {
        kept.add(now);
      }
    }
    return changed ? new PipelineModel(model.uid(), kept) : model;
  }

  /**
   * Derives quadrants where valence/arousal are present, cleans lyrics and marks unusable ones in
   * {@link Fields#REJECT_REASON}; keeps every row.
   */
  public Dataset<Row> screen(Dataset<Row> songs) {
    return screenLyrics(labels().transform(songs));
  }

  /**
   * Cleans lyrics and marks unusable ones, without the model's quadrant derivation: for catalogs to label, which
   * have no valence/arousal, and for data labelled another way than by the model's centre ({@code --centre}).
   * Keeps every row.
   */
  public Dataset<Row> screenLyrics(Dataset<Row> songs) {
    return preprocess().transform(songs);
  }

  /** Classifies screened rows; rows the screen rejected are left out. */
  public Dataset<Row> classify(Dataset<Row> screened) {
    return classifyAccepted(screened.where(col(Fields.REJECT_REASON).isNull()));
  }

  /**
   * As {@link #classifyAccepted}, for a few screened rows held on the driver ({@code serve}, {@code predict}): the
   * same stages, without a Spark job, in memory when every stage can run so ({@link DriverPipeline}). Returns each
   * row's columns and the classifier's outputs ({@code probability}, {@code prediction}...), in input order.
   */
  public List<Map<String, Object>> classifyOnDriver(SparkSession spark, List<Row> accepted, StructType schema) {
    return Cascades.withPath(onDriver()[1].transform(spark, accepted, schema));
  }

  /** Whether {@link #screenInMemory} and {@link #classifyInMemory} can run: every stage has an in-memory form. */
  public boolean answersInMemory() {
    DriverPipeline[] driver = onDriver();
    return driver[0].inMemory() && driver[1].inMemory();
  }

  /**
   * The screen ({@link #screenLyrics}) on songs held in memory as column maps (the canonical columns), with no
   * Spark at all; adds the cleaned lyrics and {@link Fields#REJECT_REASON}/{@link Fields#REJECT_DETAIL}.
   */
  public List<Map<String, Object>> screenInMemory(List<Map<String, Object>> songs) {
    return onDriver()[0].applyLocally(songs);
  }

  /** {@link #classifyAccepted} on screened songs held in memory as column maps, with no Spark at all. */
  public List<Map<String, Object>> classifyInMemory(List<Map<String, Object>> accepted) {
    return Cascades.withPath(onDriver()[1].applyLocally(accepted));
  }

  /** The preprocess and classifier pipelines as the driver runs them, built on first use. */
  private DriverPipeline[] onDriver() {
    DriverPipeline[] driver = onDriver;
    if (driver == null) {
      driver = new DriverPipeline[] {new DriverPipeline(preprocess(), DriverPipeline.threads()),
          new DriverPipeline(classifier(), DriverPipeline.threads())};
      onDriver = driver;
    }
    return driver;
  }

  /**
   * Classifies rows the screen already accepted (as {@code songs.ScreenedSongs#accepted()} gives them); every row
   * says in {@link Fields#CASCADE_PATH} which path labelled it ({@code full} in a model without a cascade).
   */
  public Dataset<Row> classifyAccepted(Dataset<Row> accepted) {
    return Cascades.withPath(classifier().transform(accepted));
  }
}
