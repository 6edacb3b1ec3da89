package dev.songmood.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.songmood.model.Cascades;
import dev.songmood.model.CoverageTable;
import dev.songmood.model.EmotionModel;
import dev.songmood.model.ModelLanguages;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code GET /model} tells any caller: the version, the languages the model reads and, from its provenance,
 * only the fields on an explicit allow-list: what it is and how well it did (its accuracy-at-coverage table
 * included: {@link CoverageTable}, numbers only), and the encoder cascade as it runs here. Never where it came from
 * (input and model paths, the encoder's files), nor the library versions it ran on.
 */
final class ModelSummary {
  /** Provenance fields copied when their value is a string, number or boolean. */
  private static final List<String> SCALARS = List.of("created_at", "classifier", "cleaning_profile", "refit_on");
  /** Provenance fields that are counts by name (rows by split, training songs by language): only numbers copied. */
  private static final List<String> COUNTS = List.of("rows", ModelLanguages.TRAINING_LANGUAGES);
  /** Provenance fields that are metrics: only these keys, and only scalar values. */
  private static final List<Map.Entry<String, List<String>>> METRICS = List.of(
      Map.entry("search", List.of("strategy", "metric", "trials", "best_validation_macro_f1")),
      Map.entry("held_out", List.of("split", "songs", "accuracy", "macro_f1")));

  private ModelSummary() {
  }

  static ObjectNode of(EmotionModel model, ObjectMapper json) {
    ObjectNode out = json.createObjectNode();
    out.put("model_version", model.version());
    ModelLanguages.trained(model).forEach(out.putArray("languages")::add);
    JsonNode provenance = json.valueToTree(model.provenance().fields());
    ObjectNode kept = out.putObject("provenance");
    for (String name : SCALARS) {
      JsonNode v = provenance.get(name);
      if (v != null && v.isValueNode() && !v.isNull()) {
        kept.set(name, v);
      }
    }
    for (String name : COUNTS) {
      JsonNode v = provenance.get(name);
      if (v != null && v.isObject()) {
        ObjectNode counts = kept.putObject(name);
        v.fields().forEachRemaining(e -> {
          if (e.getValue().isNumber()) {
            counts.set(e.getKey(), e.getValue());
          }
        });
      }
    }
    CoverageTable.of(model.provenance()).ifPresent(table -> {
      ObjectNode coverage = kept.putObject(CoverageTable.FIELD);
      coverage.put("split", table.split());
      coverage.put("songs", table.songs());
      com.fasterxml.jackson.databind.node.ArrayNode rows = coverage.putArray("rows");
      table.rows().forEach(r -> rows.addObject().put("coverage", r.coverage())
          .put("songs", r.songs()).put("threshold", r.threshold()).put("accuracy", r.accuracy())
          .put("macro_f1", r.macroF1()));
    });
    cascade(model, provenance.get(Cascades.PROVENANCE_FIELD), out.putObject(Cascades.PROVENANCE_FIELD));
    for (Map.Entry<String, List<String>> metric : METRICS) {
      JsonNode v = provenance.get(metric.getKey());
      if (v != null && v.isObject()) {
        ObjectNode metrics = kept.putObject(metric.getKey());
        for (String key : metric.getValue()) {
          JsonNode m = v.get(key);
          if (m != null && m.isValueNode()) {
            metrics.set(key, m);
          }
        }
      }
    }
    return out;
  }

  /**
   * The encoder cascade as this server runs it: {@code on} and its {@code threshold} (null when it runs every song
   * through every member: the model has no cascade, or serve was started with {@code --cascade off}), the threshold
   * the model was saved with, and what its provenance measured on held-out songs (numbers only).
   */
  private static void cascade(EmotionModel model, JsonNode saved, ObjectNode into) {
    Optional<Double> threshold = model.cascade().map(c -> c.getThreshold());
    into.put("on", threshold.isPresent());
    if (threshold.isPresent()) {
      into.put("threshold", threshold.get());
    } else {
      into.putNull("threshold");
    }
    if (saved == null || !saved.isObject()) {
      return;
    }
    JsonNode savedThreshold = saved.get("threshold");
    if (savedThreshold != null && savedThreshold.isNumber()) {
      into.set("saved_threshold", savedThreshold);
    }
    JsonNode heldOut = saved.get("held_out");
    if (heldOut != null && heldOut.isObject()) {
      ObjectNode measured = into.putObject("held_out");
      heldOut.fields().forEachRemaining(e -> {
        JsonNode v = e.getValue();
        boolean numbers = v.isArray() && v.size() > 0 && java.util.stream.StreamSupport.stream(v.spliterator(), false)
            .allMatch(JsonNode::isNumber);
        if (v.isNumber() || numbers) {
          measured.set(e.getKey(), v);
        }
      });
    }
  }
}
