package dev.songmood.input;

import java.util.Locale;

/** The catalog formats the job reads. AUTO picks one from the path's extension. */
public enum InputFormat {
  AUTO, CSV, JSON, PARQUET;

  public static InputFormat parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown input format '" + text + "' (expected auto, csv, json or parquet)");
    }
  }

  /** csv / tsv, json / jsonl / ndjson (optionally .gz), anything else is read as Parquet (files or a table directory). */
  public static InputFormat fromPath(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    if (p.endsWith(".gz") || p.endsWith(".bz2")) {
      p = p.substring(0, p.lastIndexOf('.'));
    }
    if (p.endsWith(".csv") || p.endsWith(".tsv")) {
      return CSV;
    }
    if (p.endsWith(".json") || p.endsWith(".jsonl") || p.endsWith(".ndjson")) {
      return JSON;
    }
    return PARQUET;
  }

  public InputFormat resolve(String path) {
    return this == AUTO ? fromPath(path) : this;
  }
}
