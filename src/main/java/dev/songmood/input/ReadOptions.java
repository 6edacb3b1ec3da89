package dev.songmood.input;

/**
 * How text catalogs are read where detection is not wanted: the CSV delimiter and charset, and JSON as whole-file
 * documents (an array of objects, or pretty-printed) instead of JSON lines. A null delimiter or encoding means "tell
 * from the file" (a byte-order mark or UTF-16's zero bytes; the header's most frequent separator).
 */
public record ReadOptions(String delimiter, String encoding, boolean multiLineJson) {
  /** Everything detected from the files. */
  public static final ReadOptions DETECT = new ReadOptions(null, null, false);
  /** The delimiters detection chooses among, the comma winning ties. */
  public static final String DELIMITER_CANDIDATES = ",;\t|";
  /**
   * Widest CSV row the parser accepts (Spark's default is 20,480): a wider row is quarantined as malformed like any
   * row whose field count differs from the header's. The parser allocates one slot per column for each task.
   */
  public static final int MAX_CSV_COLUMNS = 200_000;
  /** Bytes read from the head of an input file to tell its format, charset and delimiter. */
  public static final int SNIFF_BYTES = 64 * 1024;
  /** Files whose heads are checked against the format (the first ones of each input path). */
  public static final int SNIFF_FILES = 8;

  public ReadOptions {
    if (delimiter != null) {
      delimiter = delimiter.equals("\\t") || delimiter.equalsIgnoreCase("tab") ? "\t" : delimiter;
      if (delimiter.length() != 1) {
        throw new IllegalArgumentException("--delimiter must be one character (or \\t / tab), not '" + delimiter
            + "'");
      }
    }
    if (encoding != null && !java.nio.charset.Charset.isSupported(encoding)) {
      throw new IllegalArgumentException("--encoding " + encoding + " is not a charset this JVM knows (e.g. UTF-8, "
          + "UTF-16, windows-1252, ISO-8859-1)");
    }
  }
}
