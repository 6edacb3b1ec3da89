package dev.songmood.profile;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.median;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.songmood.encode.EncoderModel;
import dev.songmood.stages.CleaningProfile;
import dev.songmood.stages.LyricsCleaner;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The lyrics: length in characters, words and WordPiece tokens (summary, histograms, the share over the encoder's
 * chunk budget and over its 510-token window), the language guesses, and the most frequent words before cleaning
 * (lower-cased, split at anything that is not a letter, digit or apostrophe) and after the project's full cleaning
 * (contractions, punctuation, stop words), each with its count and share of all words.
 */
final class TextStats {
  static final String CHARS = "lyrics characters";
  static final String WORDS = "lyrics words";
  static final String TOKENS = "lyrics tokens";
  /** The measured columns ProfileJob adds to the (cached) input. */
  static final String CHARS_COL = "_profile_chars";
  static final String WORDS_COL = "_profile_words";
  static final String TOKENS_COL = "_profile_tokens";
  static final String LANGUAGE_COL = "_profile_language";

  private TextStats() {
  }

  /** The input with the four measures of its lyrics column. */
  static Dataset<Row> measure(Dataset<Row> df, String lyrics) {
    Column text = col(ColumnStats.quote(lyrics)).cast("string");
    Column words = when(org.apache.spark.sql.functions.trim(text).equalTo(""), lit(0))
        .otherwise(org.apache.spark.sql.functions.size(split(org.apache.spark.sql.functions.trim(text), "\\s+")));
    return df.withColumn(CHARS_COL, org.apache.spark.sql.functions.length(text))
        .withColumn(WORDS_COL, when(text.isNull(), lit(null)).otherwise(words))
        .withColumn(TOKENS_COL, org.apache.spark.sql.functions.call_udf(LyricsMeasures.TOKENS, text))
        .withColumn(LANGUAGE_COL, org.apache.spark.sql.functions.call_udf(LyricsMeasures.LANGUAGE, text));
  }

  static void profile(Dataset<Row> measured, String lyrics, Profile p) {
    int budget = LyricsMeasures.chunkBudget();
    int window = EncoderModel.MAX_POSITIONS - 2;
    Row s = measured.agg(count(col(TOKENS_COL)), min(CHARS_COL), max(CHARS_COL), avg(CHARS_COL), min(WORDS_COL),
        max(WORDS_COL), avg(WORDS_COL), min(TOKENS_COL), max(TOKENS_COL), avg(TOKENS_COL),
        p.exact() ? median(col(TOKENS_COL)) : percentile_approx(col(TOKENS_COL), lit(0.5), lit(10_000)).cast("double"),
        sum(when(col(TOKENS_COL).gt(budget), 1).otherwise(0)), sum(when(col(TOKENS_COL).gt(window), 1).otherwise(0)))
        .first();
    long songs = s.getLong(0);
    p.stats.add(new Profile.Stat("lyrics", "songs with lyrics", songs, false));
    if (songs == 0) {
      return;
    }
    String[] names = {"characters", "words", "tokens"};
    for (int i = 0; i < 3; i++) {
      p.stats.add(new Profile.Stat("lyrics", "mean " + names[i], s.getDouble(3 + 3 * i), false));
    }
    p.stats.add(new Profile.Stat("lyrics", "median tokens", s.getDouble(10), !p.exact()));
    p.stats.add(new Profile.Stat("lyrics", "chunk budget (tokens)", budget, false));
    p.stats.add(new Profile.Stat("lyrics", "share over the chunk budget", (double) s.getLong(11) / songs, false));
    p.stats.add(new Profile.Stat("lyrics", "share over the encoder window (" + window + " tokens)",
        (double) s.getLong(12) / songs, false));
    List<Histograms.Spec> specs = new ArrayList<>();
    String[] columns = {CHARS_COL, WORDS_COL, TOKENS_COL};
    String[] labels = {CHARS, WORDS, TOKENS};
    for (int i = 0; i < 3; i++) {
      specs.add(new Histograms.Spec(labels[i], col(columns[i]), s.getInt(1 + 3 * i), s.getInt(2 + 3 * i)));
    }
    p.bins.addAll(Histograms.of(measured, specs, ProfileConfig.BINS_DEFAULT));
    ranked(measured.where(col(LANGUAGE_COL).isNotNull()).groupBy(col(LANGUAGE_COL).as("v")).count(), "language",
        "lyrics", songs, ProfileConfig.TOP_VALUES_DEFAULT, p);

    Column raw = lower(col(ColumnStats.quote(lyrics)).cast("string"));
    words(measured.select(explode(split(raw, "[^\\p{L}\\p{N}']+")).as("v")), "word_raw", p);
    LyricsCleaner cleaner = new LyricsCleaner().setInputCol("_profile_text").setOutputCol("_profile_clean")
        .setProfile(CleaningProfile.FULL);
    Dataset<Row> clean = cleaner.transform(measured.where(col(ColumnStats.quote(lyrics)).isNotNull())
        .select(col(ColumnStats.quote(lyrics)).cast("string").as("_profile_text")));
    words(clean.select(explode(split(col("_profile_clean"), "\\s+")).as("v")), "word_clean", p);
  }

  private static void words(Dataset<Row> words, String kind, Profile p) {
    Dataset<Row> counted = words.where(col("v").notEqual("")).groupBy("v").count().cache();
    try {
      Row total = counted.agg(sum("count")).first();
      long all = total.isNullAt(0) ? 0 : total.getLong(0);
      p.stats.add(new Profile.Stat("lyrics", kind.equals("word_raw") ? "words before cleaning"
          : "words after cleaning", all, false));
      ranked(counted, kind, "lyrics", all, ProfileConfig.TOP_WORDS_DEFAULT, p);
    } finally {
      counted.unpersist();
    }
  }

  /** The top {@code n} of a (v, count) table, largest first (ties by value), with shares of {@code total}. */
  static void ranked(Dataset<Row> counted, String kind, String column, long total, int n, Profile p) {
    int rank = 1;
    for (Row r : counted.orderBy(col("count").desc(), col("v")).limit(n).collectAsList()) {
      p.frequent.add(new Profile.Frequent(kind, column, rank++, r.getString(0), r.getLong(1),
          total == 0 ? 0 : (double) r.getLong(1) / total));
    }
  }
}
