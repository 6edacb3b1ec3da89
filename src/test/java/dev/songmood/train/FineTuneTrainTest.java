package dev.songmood.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
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
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * {@code train --classifiers tfidf-logreg,encoder-finetune,ensemble} on sample-data with the real MiniLM (one trained
 * layer, short chunks, so it stays quick): the fine-tuned model is searched and compared like the others, is saved
 * small (only the trained layer), loads, and labels the catalog with valence/arousal from its regression head.
 */
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
