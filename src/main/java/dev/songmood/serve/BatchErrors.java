package dev.songmood.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Where a song that could not be answered sits, in HTTP's terms: in a batch, its 0-based {@code index} in the
 * request's array; never {@code predict}'s input {@code line} (a word from the command line, counted from 1).
 */
final class BatchErrors {
  static final String INDEX = "index";
  private static final String LINE = "line";

  private BatchErrors() {
  }

  /** {@code results}, in request order, with each error's position as an index (batches) and no line number. */
  static List<ObjectNode> positioned(List<ObjectNode> results, boolean batch) {
    for (int i = 0; i < results.size(); i++) {
      ObjectNode r = results.get(i);
      if (!r.has("error")) {
        continue;
      }
      String which = batch ? "the song at index " + i : "the song";
      if (r.has(LINE)) {
        String detail = r.path("detail").asText();
        String prefix = "line " + r.get(LINE).asText() + " ";
        r.put("detail", detail.startsWith(prefix) ? which + " " + detail.substring(prefix.length()) : detail);
        r.remove(LINE);
      }
      if (batch) {
        // first after the id (if any): a client reading the item sees where it was before why
        ObjectNode copy = r.deepCopy();
        r.removeAll();
        if (copy.has("id")) {
          r.set("id", copy.get("id"));
        }
        r.put(INDEX, i);
        r.setAll(copy);
      }
    }
    return results;
  }
}
