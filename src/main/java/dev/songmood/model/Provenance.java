package dev.songmood.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where a model came from: version, time, inputs and their row counts, parameters, chosen hyperparameters,
 * library versions and the git commit of the code that trained it. Saved as {@code provenance.json} in the model
 * directory; it never holds credentials (input paths are recorded without user info).
 */
public final class Provenance {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Map<String, Object> fields;

  public Provenance(Map<String, Object> fields) {
    if (!(fields.get("model_version") instanceof String)) {
      throw new IllegalArgumentException("provenance needs a model_version");
    }
    this.fields = new LinkedHashMap<>(fields);
  }

  public String version() { return (String) fields.get("model_version"); }

  public Map<String, Object> fields() { return new LinkedHashMap<>(fields); }

  public Object get(String key) { return fields.get(key); }

  public String toJson() {
    try {
      return JSON.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("provenance is not serialisable", e);
    }
  }

  @SuppressWarnings("unchecked")
  public static Provenance fromJson(String json) {
    try {
      return new Provenance(JSON.readValue(json, LinkedHashMap.class));
    } catch (IOException e) {
      throw new IllegalArgumentException("provenance.json is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** Versions of the code and libraries running now, for provenance and run records. */
  public static Map<String, Object> runtimeVersions() {
    Map<String, Object> v = new LinkedHashMap<>();
    Package pkg = Provenance.class.getPackage();
    v.put("songmood", pkg != null && pkg.getImplementationVersion() != null ? pkg.getImplementationVersion() : "dev");
    v.put("spark", org.apache.spark.package$.MODULE$.SPARK_VERSION());
    v.put("scala", scala.util.Properties$.MODULE$.versionNumberString());
    v.put("hadoop", org.apache.hadoop.util.VersionInfo.getVersion());
    v.put("java", System.getProperty("java.version"));
    Properties git = new Properties();
    try (InputStream in = Provenance.class.getResourceAsStream("/songmood-git.properties")) {
      if (in != null) {
        git.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    v.put("git_commit", git.getProperty("git.commit.id", "unknown"));
    v.put("git_dirty", git.getProperty("git.dirty", "unknown"));
    return v;
  }
}
