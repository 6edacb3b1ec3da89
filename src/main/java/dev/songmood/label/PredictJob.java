package dev.songmood.label;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.songmood.Quadrant;
import dev.songmood.config.Columns;
import dev.songmood.config.Fields;
import dev.songmood.model.EmotionModel;
import dev.songmood.songs.CatalogReader;
import dev.songmood.songs.Quarantine;
import dev.songmood.songs.RecordScreen;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code predict}: a few songs in, one JSON line out per song, in input order: what the original SageMaker
 * endpoint + Lambda returned, without a server. Input lines are JSON objects with {@code id} and {@code lyrics}, and
 * optionally {@code artist}, {@code title}. A song that cannot be classified gets a line with {@code error} (the
 * quarantine reason) and {@code detail} instead; a line that is not a JSON object, or has no id, gets its
 * {@code line} number with the error. For whole catalogs use {@code label}.
 */
public final class PredictJob {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PredictJob() {
  }

  /** Classifies the given JSON lines and writes one JSON line per input line to {@code out}; returns them too. */
  public static List<String> run(SparkSession spark, String modelDir, List<String> lines, PrintStream out) {
    List<String> output = new ArrayList<>();
    for (ObjectNode node : predict(spark, EmotionModel.load(spark, modelDir), lines)) {
      String text = node.toString();
      output.add(text);
      out.println(text);
    }
    out.flush();
    return output;
  }

  /**
   * One result per input line, in order: the prediction's fields, or {@code error} (a quarantine reason) and
   * {@code detail}. For a model loaded once and used many times ({@code serve}).
   */
  public static List<ObjectNode> predict(SparkSession spark, EmotionModel model, List<String> lines) {
    Map<Long, ObjectNode> results = new LinkedHashMap<>();
    List<ObjectNode> valid = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>(List.of("id", "lyrics"));
    for (int i = 0; i < lines.size(); i++) {
      long line = i + 1;
      ObjectNode result = JSON.createObjectNode();
      results.put(line, result);
      try {
        JsonNode node = JSON.readTree(lines.get(i));
        if (!(node instanceof ObjectNode obj)) {
          throw new IllegalArgumentException("not a JSON object");
        }
        if (!obj.hasNonNull("id") || obj.get("id").asText().isBlank()) {
          result.put("line", line);
          result.put("error", RecordScreen.MISSING_ID);
          result.put("detail", "line " + line + " has no id");
          continue;
        }
        result.set("id", obj.get("id"));
        obj.put(CatalogReader.ROW_COLUMN, line);
        obj.fieldNames().forEachRemaining(keys::add);
        valid.add(obj);
      } catch (JsonProcessingException | IllegalArgumentException e) {
        result.put("line", line);
        result.put("error", RecordScreen.MALFORMED);
        result.put("detail", "line " + line + " is not a JSON object with lyrics");
      }
    }
    if (!valid.isEmpty()) {
      classify(spark, model, valid, keys, results);
    }
    return new ArrayList<>(results.values());
  }

  /** One song given as text on the command line. */
  public static List<String> runText(SparkSession spark, String modelDir, String lyrics, PrintStream out) {
    ObjectNode node = JSON.createObjectNode().put("id", "1").put("lyrics", lyrics);
    return run(spark, modelDir, List.of(node.toString()), out);
  }

  /**
   * {@code keys}: every key of the valid lines, which become the schema. The few rows stay on the driver as a local
   * relation from start to end, and no Spark job runs: record checks, the model's screen and its stages are
   * projections Spark evaluates in place, and the encoder runs on this thread ({@link EmotionModel#classifyOnDriver}).
   */
  private static void classify(SparkSession spark, EmotionModel model, List<ObjectNode> valid, Set<String> keys,
      Map<Long, ObjectNode> results) {
    StructType schema = new StructType();
    for (String key : keys) {
      schema = schema.add(key, key.equals(CatalogReader.ROW_COLUMN) ? DataTypes.LongType : DataTypes.StringType);
    }
    List<Row> rows = new ArrayList<>();
    for (ObjectNode obj : valid) {
      Object[] values = new Object[keys.size()];
      int i = 0;
      for (String key : keys) {
        values[i++] = key.equals(CatalogReader.ROW_COLUMN) ? (Object) obj.get(key).asLong() : text(obj.get(key));
      }
      rows.add(RowFactory.create(values));
    }
    Columns columns = new Columns("id", null, null, "lyrics", null, null, null);
    Dataset<Row> canonical = RecordScreen.canonical(spark.createDataFrame(rows, schema), columns);
    Map<String, Integer> copies = new HashMap<>();
    List<Row> unique = new ArrayList<>();
    for (Row r : canonical.collectAsList()) {
      long line = r.getLong(r.fieldIndex(CatalogReader.ROW_COLUMN));
      String id = r.getString(r.fieldIndex(Fields.ID));
      if (!r.isNullAt(r.fieldIndex(Fields.REJECT_REASON))) {
        reject(results.get(line), r.getString(r.fieldIndex(Fields.REJECT_REASON)),
            r.getString(r.fieldIndex(Fields.REJECT_DETAIL)));
        continue;
      }
      int copy = copies.merge(id, 1, Integer::sum);  // the first copy is kept, as RecordScreen#apply does
      if (copy > 1) {
        reject(results.get(line), RecordScreen.DUPLICATE_ID, RecordScreen.duplicateDetail(copy));
      } else {
        unique.add(r);
      }
    }
    if (unique.isEmpty()) {
      return;
    }
    Dataset<Row> screened = model.screenLyrics(Quarantine.accepted(spark.createDataFrame(unique, canonical.schema())));
    StructType acceptedSchema = screened.drop(Fields.REJECT_REASON, Fields.REJECT_DETAIL).schema();
    List<Row> accepted = new ArrayList<>();
    for (Row r : screened.collectAsList()) {
      if (r.isNullAt(r.fieldIndex(Fields.REJECT_REASON))) {
        Object[] values = new Object[acceptedSchema.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = r.get(r.fieldIndex(acceptedSchema.fields()[i].name()));
        }
        accepted.add(RowFactory.create(values));
      } else {
        reject(results.get(r.getLong(r.fieldIndex(CatalogReader.ROW_COLUMN))),
            r.getString(r.fieldIndex(Fields.REJECT_REASON)), r.getString(r.fieldIndex(Fields.REJECT_DETAIL)));
      }
    }
    for (Map<String, Object> song : model.classifyOnDriver(spark, accepted, acceptedSchema)) {
      write(results.get((Long) song.get(CatalogReader.ROW_COLUMN)), song, model.version());
    }
  }

  /** The prediction's fields of one classified song, as {@code predict} prints them. */
  private static void write(ObjectNode node, Map<String, Object> song, String version) {
    Vector probability = (Vector) song.get(Fields.PROBABILITY);
    int quadrant = (int) Math.round((Double) song.get(Fields.PREDICTION));
    node.put("quadrant", quadrant);
    node.put("quadrant_name", Quadrant.ofId(quadrant).name());
    node.put("mood", Quadrant.ofId(quadrant).mood());
    ObjectNode probs = node.putObject("probabilities");
    for (Quadrant q : Quadrant.values()) {
      probs.put(q.name(), probability.apply(q.id()));
    }
    node.put("confidence", probability.apply(probability.argmax()));
    for (String[] c : Predictions.COORDINATES) {
      if (song.get(c[0]) != null) {
        node.put(c[1], (Double) song.get(c[0]));
      }
    }
    node.put("model_version", version);
  }

  private static void reject(ObjectNode node, String reason, String detail) {
    node.put("error", reason);
    node.put("detail", detail);
  }

  /** A JSON value as the text a catalog column holds: strings as they are, other values as their JSON. */
  private static String text(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    return value.isTextual() ? value.asText() : value.toString();
  }
}
