package dev.songmood.songs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Row;

/**
 * A CSV header that names a column twice, told in the file's own words. Spark reads such a header without a word:
 * it renames every copy to its name and its position ({@code lyrics, lyrics} at 3 and 4 become {@code lyrics3,
 * lyrics4}, names compared case-insensitively), and the job would then say it found no lyrics column, in names the
 * file never had. When a header's names could be such renamings, the raw header line is read and a repeated name
 * stops the run (exit 2) naming it and its columns.
 */
final class CsvHeader {
  private CsvHeader() {
  }

  /**
   * Fails when the header Spark read ({@code names}) comes from a header that repeats a name; {@code rawHeader} gives
   * the header line's fields as written, read only when some name ends with its own position.
   */
  static void requireDistinct(String[] names, Supplier<Row> rawHeader, String file) {
    if (!mayBeRenamed(names)) {
      return;
    }
    Row raw = rawHeader.get();
    Map<String, List<Integer>> positions = new LinkedHashMap<>();
    for (int i = 0; i < raw.size(); i++) {
      Object name = raw.get(i);
      if (name != null && !name.toString().isEmpty()) {
        positions.computeIfAbsent(name.toString().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(i);
      }
    }
    List<String> repeated = new ArrayList<>();
    positions.forEach((name, at) -> {
      if (at.size() > 1) {
        List<String> columns = new ArrayList<>();
        at.forEach(i -> columns.add((i + 1) + " (" + raw.get(i) + ")"));
        repeated.add("'" + raw.get(at.get(0)) + "' " + (at.size() == 2 ? "twice" : at.size() + " times")
            + ", as columns " + String.join(" and ", columns));
      }
    });
    if (!repeated.isEmpty()) {
      throw new IllegalArgumentException("the header of " + file + " names " + String.join("; and ", repeated)
          + " (columns counted from 1): which one holds the data is ambiguous; rename or remove all but one");
    }
  }

  /** Whether some name ends with its own position, as Spark's renaming of a repeated name does. */
  static boolean mayBeRenamed(String[] names) {
    for (int i = 0; i < names.length; i++) {
      String position = String.valueOf(i);
      if (names[i].length() > position.length() && names[i].endsWith(position)) {
        return true;
      }
    }
    return false;
  }
}
