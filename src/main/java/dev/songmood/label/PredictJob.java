package dev.songmood.label;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.songmood.model.EmotionModel;
import dev.songmood.model.SongAnswers;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * {@code predict}: a few songs in, one JSON line out per song, in input order: what the original SageMaker
 * endpoint + Lambda returned, without a server. Input lines are JSON objects with {@code id} and {@code lyrics}, and
 * optionally {@code artist}, {@code title}. A song that cannot be classified gets a line with {@code error} (the
 * quarantine reason) and {@code detail} instead; a line that is not a JSON object, or has no id, gets its
 * {@code line} number with the error ({@link SongAnswers}, which {@code serve} answers with too). For whole catalogs
 * use {@code label}.
 */
public final class PredictJob {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PredictJob() {
  }

  /** Classifies the given JSON lines and writes one JSON line per input line to {@code out}; returns them too. */
  public static List<String> run(SparkSession spark, String modelDir, List<String> lines, Double minConfidence,
      PrintStream out) {
    return run(spark, modelDir, lines, minConfidence, true, out);
  }

  /** The same; {@code cascade} false runs every song through every member ({@code --cascade off}). */
  public static List<String> run(SparkSession spark, String modelDir, List<String> lines, Double minConfidence,
      boolean cascade, PrintStream out) {
    EmotionModel loaded = EmotionModel.load(spark, modelDir);
    List<String> output = new ArrayList<>();
    for (ObjectNode node : SongAnswers.predict(spark, cascade ? loaded : loaded.withoutCascade(), lines,
        minConfidence)) {
      output.add(node.toString());
      out.println(output.get(output.size() - 1));
    }
    out.flush();
    return output;
  }

  /** One song given as text on the command line. */
  public static List<String> runText(SparkSession spark, String modelDir, String lyrics, Double minConfidence,
      boolean cascade, PrintStream out) {
    ObjectNode node = JSON.createObjectNode().put("id", "1").put("lyrics", lyrics);
    return run(spark, modelDir, List.of(node.toString()), minConfidence, cascade, out);
  }
}
