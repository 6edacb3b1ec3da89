package dev.songmood.fetch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Parsing a provider's JSON: anything that is not JSON, or not of the expected shape, is a bad response. */
final class JsonAnswers {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonAnswers() {
  }

  static JsonNode parse(String path, String body) throws ProviderException {
    try {
      JsonNode node = JSON.readTree(body == null ? "" : body);
      if (node == null || node.isMissingNode()) {
        throw ProviderException.badResponse(path + ": empty body");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ProviderException.badResponse(path + ": malformed JSON (" + e.getOriginalMessage() + ")");
    }
  }

  static JsonNode require(String path, JsonNode node, boolean array) throws ProviderException {
    if (node == null || (array ? !node.isArray() : !node.isObject())) {
      throw ProviderException.badResponse(path + ": expected a JSON " + (array ? "array" : "object") + ", got "
          + (node == null ? "nothing" : node.getNodeType()));
    }
    return node;
  }

  /** A text field, null when absent, null or blank. */
  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
  }
}
