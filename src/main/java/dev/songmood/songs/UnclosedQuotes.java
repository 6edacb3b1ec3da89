package dev.songmood.songs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sum;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Refuses CSV files whose field quotes do not pair up. A quoted field opens with a quote at the start of a line or
 * after the delimiter and closes with one before the delimiter or the end of a line; {@code ""} inside it is a quote
 * character, and a quote inside an unquoted field ({@code 12" Mix}) is a plain character. Counted that way, a
 * well-formed file has an even number; an odd one means a field was opened and never closed, and from there on a
 * multi-line CSV parser pairs each quote with the wrong one: lyrics lines become rows and one song's text runs into
 * the next. No row count or quarantine can describe such a file, so it stops the run before any work, naming the
 * file. One pass over the files' lines, as text, on the executors.
 */
final class UnclosedQuotes {
  private UnclosedQuotes() {
  }

  static void require(SparkSession spark, String[] paths, String delimiter) {
    String d = Pattern.quote(delimiter);
    Column unescaped = regexp_replace(col("value"), "\"\"", "");
    Column fieldQuotes = length(unescaped).minus(length(regexp_replace(unescaped,
        "(?<=^|" + d + ")\"|\"(?=" + d + "|\r?$)", "")));
    List<Row> odd = spark.read().text(paths)
        .select(input_file_name().as("file"), fieldQuotes.as("quotes"))
        .groupBy("file").agg(sum("quotes").as("quotes"))
        .where(pmod(col("quotes"), lit(2)).equalTo(1))
        .limit(5).collectAsList();
    if (!odd.isEmpty()) {
      throw new IllegalArgumentException("unclosed quote in " + odd.stream()
          .map(r -> r.getString(0) + " (" + r.getLong(1) + " field quotes, an odd number)")
          .collect(Collectors.joining(", ")) + ": a quoted field is never closed, so the rows after it cannot be "
          + "told apart; close the quote (a quote inside a quoted field is written twice: \"\")");
    }
  }
}
