package dev.songmood.cli;

import dev.songmood.io.HadoopFiles;
import dev.songmood.model.EmotionModel;
import dev.songmood.stages.FineTunedClassifier;
import java.io.PrintStream;
import java.util.function.Supplier;
import org.apache.commons.cli.Options;
import org.apache.spark.sql.SparkSession;

/**
 * {@code export-sparknlp}: a fine-tuned model's encoder as a saved Spark NLP annotator ({@code E5Embeddings} for
 * MiniLM, {@code BGEEmbeddings} for bge), which any Spark NLP pipeline loads with {@code E5Embeddings.load(DIR)} or
 * {@code BGEEmbeddings.load(DIR)}, and which {@code label --engine sparknlp --sparknlp-annotator DIR} uses.
 */
final class ExportOptions implements Command {
  @Override
  public String name() { return "export-sparknlp"; }

  @Override
  public String summary() {
    return "write a fine-tuned model's encoder as a saved Spark NLP annotator (E5Embeddings / BGEEmbeddings)";
  }

  @Override
  public Options options() {
    Options o = new Options();
    o.addOption(SharedOptions.model());
    o.addOption(SharedOptions.out("the annotator's directory (must not exist)"));
    SharedOptions.help(o);
    return o;
  }

  @Override
  public void run(OptionValues v, Supplier<SparkSession> spark, PrintStream out) {
    String model = SharedOptions.modelDir(v);
    String target = v.path("out");
    SparkSession session = spark.get();
    if (new HadoopFiles(session).exists(target)) {
      throw new IllegalArgumentException("--out " + target + " exists: export into a new directory");
    }
    FineTunedClassifier encoder = EmotionModel.load(session, model).fineTunedEncoder();
    String written = encoder.exportSparkNlp(session, target);
    out.printf("Spark NLP annotator of %s (fine-tuned %s, %d-token chunks): %s%n"
            + "load it with %s.load(\"%s\"); its vectors are chunk vectors before the model's pooling and heads%n",
        model, encoder.baseModel(), encoder.chunkTokens(), written,
        encoder.baseModel().startsWith("bge") ? "BGEEmbeddings" : "E5Embeddings", written);
  }
}
