package dev.songmood.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.johnsnowlabs.nlp.DocumentAssembler;
import com.johnsnowlabs.nlp.EmbeddingsFinisher;
import com.johnsnowlabs.nlp.embeddings.E5Embeddings;
import dev.songmood.ChildJvm;
import dev.songmood.SparkTestBase;
import dev.songmood.encode.EncoderModel;
import dev.songmood.encode.OnnxEncoder;
import dev.songmood.encode.SongPooling;
import dev.songmood.label.LabelConfig;
import dev.songmood.cli.Main;
import dev.songmood.model.EmotionModel;
import dev.songmood.stages.FineTunedClassifier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * {@code train --classifiers tfidf-logreg,encoder-finetune,ensemble} on sample-data with the real MiniLM (one trained
 * layer, short chunks, so it stays quick): the fine-tuned model is searched and compared like the others, is saved
 * small (only the trained layer), loads, and labels the catalog with valence/arousal from its regression head.
 */
@Tag("slow")
class FineTuneTrainTest extends SparkTestBase {

  @Test
  void fineTunedModelTrainsSavesLoadsAndLabels() throws Exception {
    Path out = tmp.resolve("finetune");
    run(0, "train", "--input", projectDir().resolve("sample-data/songs.csv").toString(), "--out",
        out.resolve("train").toString(), "--classifiers", "tfidf-logreg,encoder-finetune,ensemble",
        "--vocab-sizes", "5000", "--reg-params", "0.01", "--ensemble-weights", "0.5",
        "--finetune-max-tokens", "48", "--finetune-layers", "1", "--finetune-epochs", "2",
        "--finetune-batch-sizes", "8", "--finetune-learning-rates", "1e-4", "--finetune-max-chunks", "2");

    Path modelDir = out.resolve("train/model");
    EmotionModel model = EmotionModel.load(spark, modelDir.toString());
    Dataset<Row> trials = spark.read().parquet(out.resolve("train/report/trials").toString());
    assertEquals(3, trials.count(), "1 TF-IDF, 1 fine-tuning, 1 ensemble trial");
    assertFalse(Files.exists(out.resolve("train/" + TrainConfig.CHECKPOINT_DIR)), "checkpoints removed once published");

    // The report compares the fine-tuned model with TF-IDF on the same held-out songs.
    String md = Files.readString(out.resolve("train/report/report.md"));
    assertTrue(md.contains("encoder-finetune [all-minilm-l6-v2]"), md);

    // Train the fine-tuned candidate alone as the chosen model, to check what is saved and how it labels.
    Path tunedOut = out.resolve("tuned");
    run(0, "train", "--input", projectDir().resolve("sample-data/songs.csv").toString(), "--out",
        tunedOut.toString(), "--classifiers", "encoder-finetune", "--finetune-max-tokens", "48",
        "--finetune-layers", "1", "--finetune-epochs", "1", "--finetune-batch-sizes", "8",
        "--finetune-learning-rates", "1e-4", "--finetune-max-chunks", "2");
    EmotionModel tuned = EmotionModel.load(spark, tunedOut.resolve("model").toString());
    @SuppressWarnings("unchecked")
    Map<String, Object> encoder = (Map<String, Object>) tuned.provenance().fields().get("encoder");
    assertEquals(true, encoder.get("fine_tuned"), encoder.toString());
    assertEquals(List.of("encoder.layer.5"), encoder.get("fine_tuned_layers"));
    FineTunedClassifier stage = find(tuned.classifier());
    assertNotNull(stage);
    assertTrue(stage.hasCoordinates());
    long bytes;
    try (Stream<Path> files = Files.walk(tunedOut.resolve("model"))) {
      bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
    assertTrue(bytes < 10_000_000L, "one trained MiniLM layer and heads, not a whole encoder: " + bytes + " bytes");

    run(0, "label", "--input", projectDir().resolve("sample-data/catalog.jsonl").toString(), "--model",
        tunedOut.resolve("model").toString(), "--out", out.resolve("label").toString());
    Dataset<Row> predictions = spark.read().format("delta").load(out.resolve("label/predictions").toString());
    assertTrue(predictions.count() >= 12);
    for (Row r : predictions.collectAsList()) {
      double v = r.getDouble(r.fieldIndex("valence"));
      double a = r.getDouble(r.fieldIndex("arousal"));
      assertTrue(v > 1 && v < 9 && a > 1 && a < 9, "valence/arousal on the 1..9 scale: " + v + ", " + a);
      assertTrue(r.getString(r.fieldIndex("model_version")).startsWith("encoder-finetune-"));
    }

    predictAnswersAsLabelDoes(tunedOut.resolve("model"), predictions);
    sparkNlpEngineLabelsTheSame(tunedOut.resolve("model"), stage, predictions, out);
  }

  /** {@code predict} runs the fine-tuned stage in memory (its local form): the same probabilities as label's tasks. */
  private void predictAnswersAsLabelDoes(Path model, Dataset<Row> predictions) throws Exception {
    List<String> lines = Files.readAllLines(projectDir().resolve("sample-data/catalog.jsonl")).stream()
        .filter(l -> !l.isBlank()).toList();
    dev.songmood.model.EmotionModel loaded = dev.songmood.model.EmotionModel.load(spark, model.toString());
    java.util.Map<String, Row> byId = new java.util.HashMap<>();
    predictions.collectAsList().forEach(r -> byId.put(r.getString(r.fieldIndex("id")), r));
    int compared = 0;
    for (com.fasterxml.jackson.databind.node.ObjectNode node
        : dev.songmood.model.SongAnswers.predict(spark, loaded, lines)) {
      Row expected = byId.get(node.path("id").asText());
      if (expected == null || !node.has("probabilities")) {
        continue;
      }
      assertEquals(expected.getDouble(expected.fieldIndex("prob_q1")), node.path("probabilities").path("Q1")
          .asDouble(), 1e-5, node.toString());
      assertEquals(expected.getDouble(expected.fieldIndex("valence")), node.path("valence").asDouble(), 1e-4);
      compared++;
    }
    assertEquals(predictions.count(), compared, "every labelled song answered alike");
  }

  /**
   * {@code label --engine sparknlp} (a fresh JVM: Spark NLP imports one ONNX graph per JVM) imports the fine-tuned
   * encoder as a Spark NLP annotator and gives the default engine's quadrants; {@code export-sparknlp} writes an
   * annotator that a plain Spark NLP pipeline loads and that computes the fine-tuned encoder's vectors, not the
   * base model's.
   */
  private void sparkNlpEngineLabelsTheSame(Path model, FineTunedClassifier stage, Dataset<Row> byOnnxRuntime,
      Path out) throws Exception {
    Path labelled = out.resolve("label-sparknlp");
    ChildJvm.Result label = ChildJvm.songmood(out.resolve("label-sparknlp.log"), "label", "--engine", "sparknlp",
        "--input", projectDir().resolve("sample-data/catalog.jsonl").toString(), "--model", model.toString(),
        "--out", labelled.toString());
    assertEquals(0, label.exitCode(), label.output());
    assertTrue(label.output().contains("runs as the Spark NLP annotator"), label.output());
    assertTrue(Files.isDirectory(labelled.resolve(LabelConfig.SPARKNLP_DIR)), "the imported annotator is kept");

    Map<String, Row> expected = new java.util.HashMap<>();
    byOnnxRuntime.collectAsList().forEach(r -> expected.put(r.getString(r.fieldIndex("id")), r));
    List<Row> actual = spark.read().format("delta").load(labelled.resolve("predictions").toString()).collectAsList();
    assertEquals(expected.size(), actual.size());
    for (Row r : actual) {
      Row e = expected.get(r.getString(r.fieldIndex("id")));
      assertNotNull(e, r.toString());
      assertEquals(e.getInt(e.fieldIndex("quadrant")), r.getInt(r.fieldIndex("quadrant")), r.toString());
      assertEquals(e.getDouble(e.fieldIndex("confidence")), r.getDouble(r.fieldIndex("confidence")), 1e-3,
          r.toString());
      assertEquals(e.getDouble(e.fieldIndex("valence")), r.getDouble(r.fieldIndex("valence")), 1e-3, r.toString());
    }

    Path exported = out.resolve("annotator");
    ChildJvm.Result export = ChildJvm.songmood(out.resolve("export.log"), "export-sparknlp", "--model",
        model.toString(), "--out", exported.toString());
    assertEquals(0, export.exitCode(), export.output());
    assertTrue(export.output().contains("E5Embeddings.load"), export.output());

    String text = "Dancing in the summer rain, laughing all night long with you";
    E5Embeddings annotator = (E5Embeddings) E5Embeddings.load(exported.toString());
    annotator.setInputCols(new String[] {"document"});
    annotator.setOutputCol("embeddings");
    DocumentAssembler document = new DocumentAssembler().setInputCol("text");
    document.setOutputCol("document");
    PipelineModel pipeline = new Pipeline().setStages(new PipelineStage[] {document, annotator,
        new EmbeddingsFinisher().setInputCols(new String[] {"embeddings"}).setOutputCols(new String[] {"vectors"})
            .setOutputAsVector(true)})
        .fit(spark.createDataFrame(List.of(RowFactory.create(text)), new StructType().add("text", "string")));
    Row row = pipeline.transform(spark.createDataFrame(List.of(RowFactory.create(text)),
        new StructType().add("text", "string"))).select("vectors").first();
    float[] fromSparkNlp = unit(((org.apache.spark.ml.linalg.Vector) row.getList(0).get(0)).toArray());

    EncoderModel base = EncoderModel.parse(stage.baseModel());
    float[] fineTuned = OnnxEncoder.loadVariant(base, stage.getOrDefault(stage.encoderSha256()), stage::onnx, 1,
        false).encodeSong(text, 128, 0, SongPooling.FIRST);
    float[] pretrained = OnnxEncoder.load(base, 1).encodeSong(text, 128, 0, SongPooling.FIRST);
    double same = dot(fromSparkNlp, fineTuned);
    double other = dot(fromSparkNlp, pretrained);
    assertTrue(same > 0.9999, "the exported annotator computes the fine-tuned encoder: cosine " + same);
    assertTrue(other < same - 1e-4, "and not the pre-trained one: cosine " + other + " vs " + same);
  }

  private static float[] unit(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return SongPooling.l2Normalise(f);
  }

  private static double dot(float[] a, float[] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d += (double) a[i] * b[i];
    }
    return d;
  }

  private static FineTunedClassifier find(PipelineModel model) {
    for (Transformer t : model.stages()) {
      if (t instanceof FineTunedClassifier f) {
        return f;
      }
      if (t instanceof PipelineModel p && find(p) != null) {
        return find(p);
      }
    }
    return null;
  }

  private void run(int expected, String... args) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int code = Main.run(args, new ByteArrayInputStream(new byte[0]),
        new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8),
        () -> spark);
    assertEquals(expected, code, stderr.toString(StandardCharsets.UTF_8) + stdout.toString(StandardCharsets.UTF_8));
  }
}
