package dev.songmood.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Locale;
import org.apache.spark.sql.Row;
import scala.collection.Iterator;
import scala.collection.Seq;

/**
 * A result cell as people read it: a number with four decimals, and an array, map or struct as JSON
 * ({@code ["a","b"]}, {@code {"k":1}}), never as Scala's {@code WrappedArray(...)} or {@code Map(...)}.
 */
final class CellText {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private CellText() {
  }

  static String of(Object v) {
    if (v instanceof Double d) {
      return String.format(Locale.ROOT, "%.4f", d);
    }
    if (v instanceof Seq<?> || v instanceof scala.collection.Map<?, ?> || v instanceof Row) {
      try {
        return JSON.writeValueAsString(node(v));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return String.valueOf(v);
  }

  private static JsonNode node(Object v) {
    if (v == null) {
      return NODES.nullNode();
    }
    if (v instanceof Seq<?> seq) {
      ArrayNode a = NODES.arrayNode();
      Iterator<?> it = seq.iterator();
      while (it.hasNext()) {
        a.add(node(it.next()));
      }
      return a;
    }
    if (v instanceof scala.collection.Map<?, ?> map) {
      ObjectNode o = NODES.objectNode();
      Iterator<? extends scala.Tuple2<?, ?>> it = map.iterator();
      while (it.hasNext()) {
        scala.Tuple2<?, ?> e = it.next();
        o.set(String.valueOf(e._1()), node(e._2()));
      }
      return o;
    }
    if (v instanceof Row r) {
      ObjectNode o = NODES.objectNode();
      for (int i = 0; i < r.length(); i++) {
        o.set(r.schema() != null ? r.schema().fields()[i].name() : "_" + (i + 1), node(r.get(i)));
      }
      return o;
    }
    if (v instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return Double.isFinite(d) ? NODES.numberNode(d) : NODES.textNode(String.valueOf(d));
    }
    if (v instanceof BigDecimal b) {
      return NODES.numberNode(b);
    }
    if (v instanceof Number n) {
      return NODES.numberNode(n.longValue());
    }
    return NODES.textNode(String.valueOf(v));
  }
}
