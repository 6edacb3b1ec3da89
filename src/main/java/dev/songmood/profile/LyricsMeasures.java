package dev.songmood.profile;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import dev.songmood.encode.Chunker;
import dev.songmood.encode.EncoderModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * Per-song measures that need a library, as Spark SQL functions run on the executors: {@value #TOKENS} (WordPiece
 * tokens of the project's default encoder, the tokenisation the encoder chunks) and {@value #LANGUAGE} (optimaize's
 * n-gram language detector; "unknown" when its best guess is below {@value #MIN_LANGUAGE_PROBABILITY}). Each
 * executor JVM loads the tokenizer and the 71 language profiles once.
 */
final class LyricsMeasures {
  static final String TOKENS = "songmood_wordpiece_tokens";
  static final String LANGUAGE = "songmood_language";
  static final double MIN_LANGUAGE_PROBABILITY = 0.5;
  /** The encoder whose tokenizer counts tokens: the default of training. */
  static final EncoderModel ENCODER = EncoderModel.parse(EncoderModel.DEFAULT_ID);

  private LyricsMeasures() {
  }

  static void register(SparkSession spark) {
    spark.udf().register(TOKENS, (UDF1<String, Integer>) LyricsMeasures::tokens, DataTypes.IntegerType);
    spark.udf().register(LANGUAGE, (UDF1<String, String>) LyricsMeasures::language, DataTypes.StringType);
  }

  /** The chunk budget the encoder families train with by default (tokens per chunk). */
  static int chunkBudget() {
    return EncoderModel.CHUNK_TOKENS_DEFAULT;
  }

  static Integer tokens(String text) {
    return text == null ? null : Holder.CHUNKER.get().tokenize(text).length;
  }

  static String language(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    List<DetectedLanguage> guesses = Holder.DETECTOR.getProbabilities(
        CommonTextObjectFactories.forDetectingOnLargeText().forText(text));
    return guesses.isEmpty() || guesses.get(0).getProbability() < MIN_LANGUAGE_PROBABILITY ? "unknown"
        : guesses.get(0).getLocale().getLanguage();
  }

  /** Loaded on first use in each JVM; the tokenizer once per thread (tasks run in parallel threads). */
  private static final class Holder {
    static final ThreadLocal<Chunker> CHUNKER = ThreadLocal.withInitial(() -> Chunker.forModel(ENCODER));
    static final LanguageDetector DETECTOR;

    static {
      try {
        DETECTOR = LanguageDetectorBuilder.create(NgramExtractors.standard())
            .withProfiles(new LanguageProfileReader().readAllBuiltIn()).build();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the language detector's built-in profiles", e);
      }
    }
  }
}
