package dev.songmood.encode.sparknlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.songmood.encode.EncoderModel;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** An encoder's files on the classpath as Spark NLP's import wants them: the ONNX graph and a vocab.txt. */
final class EncoderFiles {
  private EncoderFiles() {}

  /**
   * The tokenizer's WordPiece vocabulary as vocab.txt lines in id order (line n holds the token of id n), as
   * Spark NLP's import reads it. Fails unless the ids are exactly 0..n-1.
   */
  static List<String> wordPieceVocabulary(EncoderModel encoder) throws IOException {
    JsonNode model;
    try (InputStream in = url(encoder.tokenizerResource()).openStream()) {
      model = new ObjectMapper().readTree(in).path("model");
    }
    if (!"WordPiece".equals(model.path("type").asText())) {
      throw new IOException(encoder.tokenizerResource() + " is not a WordPiece tokenizer: model.type="
          + model.path("type").asText());
    }
    JsonNode vocab = model.path("vocab");
    String[] byId = new String[vocab.size()];
    Iterator<Map.Entry<String, JsonNode>> it = vocab.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      int id = e.getValue().asInt(-1);
      if (id < 0 || id >= byId.length || byId[id] != null) {
        throw new IOException(encoder.tokenizerResource() + ": vocabulary ids are not 0.." + (byId.length - 1)
            + " (bad or repeated id " + id + " for '" + e.getKey() + "')");
      }
      byId[id] = e.getKey();
    }
    return new ArrayList<>(Arrays.asList(byId));
  }

  /** Identifies the exact ONNX file without reading it: the jar entry's CRC-32 and size. */
  static String fingerprint(EncoderModel encoder) throws IOException {
    URLConnection c = url(encoder.onnxResource()).openConnection();
    if (c instanceof JarURLConnection) {
      var entry = ((JarURLConnection) c).getJarEntry();
      return Long.toHexString(entry.getCrc()) + "-" + Long.toHexString(entry.getSize());
    }
    return Long.toHexString(c.getContentLengthLong()) + "-" + Long.toHexString(c.getLastModified());
  }

  static URL url(String name) throws IOException {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    URL url = context == null ? null : context.getResource(name);
    if (url == null) {
      url = EncoderFiles.class.getClassLoader().getResource(name);
    }
    if (url == null) {
      throw new IOException(EncoderModel.notOnClasspath("classpath resource " + name));
    }
    return url;
  }
}
