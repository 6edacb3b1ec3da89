package dev.songmood.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.songmood.Quadrant;
import dev.songmood.input.Columns;
import dev.songmood.input.Fields;
import dev.songmood.songs.CatalogReader;
import dev.songmood.songs.LanguagePolicy;
import dev.songmood.songs.RecordScreen;
import java.nio.charset.StandardCharsets;
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
 * A few songs answered on the driver, in input order: what {@code predict} prints and {@code serve} returns (the
 * original SageMaker endpoint + Lambda's answers). Input lines are JSON objects with {@code id} and {@code lyrics}, and
 * optionally {@code artist}, {@code title}. A song that cannot be classified gets a line with {@code error} (the
 * quarantine reason) and {@code detail} instead; a line that is not a JSON object, or has no id, gets its
 * {@code line} number with the error. For whole catalogs use {@code label}.
 */
public final class SongAnswers {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** predict's input names its fields: {@code id}, {@code lyrics}, and artist/title/genre by the usual names. */
  private static final Columns COLUMNS = new Columns("id", null, null, "lyrics", null, null, null);

  private SongAnswers() {
  }

  /**
   * One result per input line, in order: the prediction's fields, or {@code error} (a quarantine reason) and
   * {@code detail}; {@code "uncertain": true} below {@code minConfidence} (null: none). For {@code serve} too.
   */
  public static List<ObjectNode> predict(SparkSession spark, EmotionModel model, List<String> lines) {
    return predict(spark, model, lines, null);
  }

  public static List<ObjectNode> predict(SparkSession spark, EmotionModel model, List<String> lines,
      Double minConfidence) {
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
      classify(spark, model, valid, keys, results, minConfidence);
    }
    return new ArrayList<>(results.values());
  }

  /**
   * {@code keys}: every key of the valid lines, which become the schema. The few rows stay on the driver from start
   * to end and no Spark job runs: in memory when every stage of the model can run so
   * ({@link EmotionModel#answersInMemory}), otherwise as a local relation that Spark evaluates in place.
   */
  private static void classify(SparkSession spark, EmotionModel model, List<ObjectNode> valid, Set<String> keys,
      Map<Long, ObjectNode> results, Double minConfidence) {
    StructType schema = new StructType();
    for (String key : keys) {
      schema = schema.add(key, key.equals(CatalogReader.ROW_COLUMN) ? DataTypes.LongType : DataTypes.StringType);
    }
    List<Map<String, Object>> screened = model.answersInMemory()
        ? model.screenInMemory(firstCopies(canonicalInMemory(valid, schema), results))
        : screenedBySpark(spark, model, valid, keys, schema, results);
    List<Map<String, Object>> accepted = new ArrayList<>();
    List<String> trained = ModelLanguages.trained(model);
    for (Map<String, Object> song : screened) {
      LanguagePolicy.DEFAULT.applyLocally(song, trained);
      if (song.get(Fields.REJECT_REASON) == null) {
        song.remove(Fields.REJECT_REASON);
        song.remove(Fields.REJECT_DETAIL);
        accepted.add(song);
      } else {
        reject(results.get((Long) song.get(CatalogReader.ROW_COLUMN)), (String) song.get(Fields.REJECT_REASON),
            (String) song.get(Fields.REJECT_DETAIL));
      }
    }
    if (accepted.isEmpty()) {
      return;
    }
    List<Map<String, Object>> classified = model.answersInMemory() ? model.classifyInMemory(accepted)
        : model.classifyOnDriver(spark, rows(accepted), rowSchema(accepted));
    for (Map<String, Object> song : classified) {
      write(results.get((Long) song.get(CatalogReader.ROW_COLUMN)), song, model.version(), minConfidence);
    }
  }

  /** The lines held in memory as canonical songs ({@link RecordScreen#canonical}), each with its line number. */
  private static List<Map<String, Object>> canonicalInMemory(List<ObjectNode> valid, StructType schema) {
    List<Map<String, Object>> songs = new ArrayList<>(valid.size());
    for (ObjectNode obj : valid) {
      Map<String, Object> song = RecordScreen.canonical(column -> text(obj.get(column)), schema, COLUMNS);
      song.put(CatalogReader.ROW_COLUMN, obj.get(CatalogReader.ROW_COLUMN).asLong());
      songs.add(song);
    }
    return songs;
  }

  /** The same steps as Spark projections over a local relation: for models with a stage that has no in-memory form. */
  private static List<Map<String, Object>> screenedBySpark(SparkSession spark, EmotionModel model,
      List<ObjectNode> valid, Set<String> keys, StructType schema, Map<Long, ObjectNode> results) {
    List<Row> rows = new ArrayList<>();
    for (ObjectNode obj : valid) {
      Object[] values = new Object[keys.size()];
      int i = 0;
      for (String key : keys) {
        values[i++] = key.equals(CatalogReader.ROW_COLUMN) ? (Object) obj.get(key).asLong() : text(obj.get(key));
      }
      rows.add(RowFactory.create(values));
    }
    Dataset<Row> canonical = RecordScreen.canonical(spark.createDataFrame(rows, schema), COLUMNS)
        .drop(Fields.SOURCE);
    List<Map<String, Object>> unique = firstCopies(maps(canonical), results);
    if (unique.isEmpty()) {
      return unique;
    }
    StructType canonicalSchema = rowSchema(unique);
    return maps(model.screenLyrics(spark.createDataFrame(rows(unique), canonicalSchema)));
  }

  /**
   * Songs without a record-level rejection, each id's first copy only ({@link RecordScreen#markDuplicates}); the
   * others get their error in {@code results}.
   */
  private static List<Map<String, Object>> firstCopies(List<Map<String, Object>> songs,
      Map<Long, ObjectNode> results) {
    RecordScreen.markDuplicates(songs);
    List<Map<String, Object>> unique = new ArrayList<>();
    for (Map<String, Object> song : songs) {
      if (song.get(Fields.REJECT_REASON) != null) {
        reject(results.get((Long) song.get(CatalogReader.ROW_COLUMN)), (String) song.get(Fields.REJECT_REASON),
            (String) song.get(Fields.REJECT_DETAIL));
      } else {
        song.remove(Fields.REJECT_REASON);
        song.remove(Fields.REJECT_DETAIL);
        unique.add(song);
      }
    }
    return unique;
  }

  private static List<Map<String, Object>> maps(Dataset<Row> rows) {
    String[] names = rows.columns();
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row r : rows.collectAsList()) {
      Map<String, Object> map = new HashMap<>();
      for (int i = 0; i < names.length; i++) {
        map.put(names[i], r.get(i));
      }
      out.add(map);
    }
    return out;
  }

  /** The columns of songs as column maps, typed by their first value: text, the row number, flags, numbers. */
  private static StructType rowSchema(List<Map<String, Object>> songs) {
    StructType schema = new StructType();
    for (String name : new java.util.TreeSet<>(songs.get(0).keySet())) {
      Object value = songs.stream().map(s -> s.get(name)).filter(java.util.Objects::nonNull).findFirst().orElse(null);
      schema = schema.add(name, value instanceof Long ? DataTypes.LongType : value instanceof Boolean
          ? DataTypes.BooleanType : value instanceof Double ? DataTypes.DoubleType : DataTypes.StringType);
    }
    return schema;
  }

  private static List<Row> rows(List<Map<String, Object>> songs) {
    String[] names = rowSchema(songs).fieldNames();
    List<Row> rows = new ArrayList<>(songs.size());
    for (Map<String, Object> song : songs) {
      Object[] values = new Object[names.length];
      for (int i = 0; i < names.length; i++) {
        values[i] = song.get(names[i]);
      }
      rows.add(RowFactory.create(values));
    }
    return rows;
  }

  /** The prediction's fields of one classified song, as {@code predict} prints them. */
  private static void write(ObjectNode node, Map<String, Object> song, String version, Double minConfidence) {
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
    node.put("uncertain", minConfidence != null && probability.apply(probability.argmax()) < minConfidence);
    if (song.get(Fields.LANGUAGE) != null) {
      node.put(Fields.LANGUAGE, (String) song.get(Fields.LANGUAGE));
    }
    for (String[] c : Fields.PREDICTED_COORDINATES) {
      if (song.get(c[0]) != null) {
        node.put(c[1], (Double) song.get(c[0]));
      }
    }
    if (song.get(Fields.CASCADE_PATH) != null) {
      node.put(Fields.CASCADE_PATH, (String) song.get(Fields.CASCADE_PATH));
    }
    node.put("model_version", version);
  }

  private static void reject(ObjectNode node, String reason, String detail) {
    node.put("error", reason);
    node.put("detail", detail);
  }

  /**
   * A JSON value as the text a catalog column holds: strings as they are, other values as their JSON; and as Spark
   * holds it, in UTF-8, where a lone UTF-16 surrogate (a JSON {@code "\ud800"}) has no form and becomes '?'. So a
   * song answers here as {@code label} labels it.
   */
  private static String text(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    String text = value.isTextual() ? value.asText() : value.toString();
    return text.chars().anyMatch(c -> Character.isSurrogate((char) c))
        ? new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8) : text;
  }
}
