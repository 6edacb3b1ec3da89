package dev.songmood.stages;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import dev.songmood.stages.text.LyricsText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The language of a text, by the n-gram profiles of Optimaize's language-detector (71 languages, built into its
 * jar: nothing is downloaded). The profiles load once per JVM, on first use (an executor loads them for its first
 * task, ~1 s); the detector is immutable and shared by the JVM's threads.
 *
 * <p>The text is read as the encoder reads it (light cleaning: no section markers or timestamps, which a lyric can
 * open with by the thousand), and only its first {@value #MAX_CHARS} characters: a verse or two settles the
 * language, and a whole 100,000-character text would cost a hundred times more for the same answer.
 */
final class LanguageIdentifier {
  static final int MAX_CHARS = 3_000;

  private static volatile Holder holder;

  private record Holder(LanguageDetector detector, TextObjectFactory text) {
  }

  private LanguageIdentifier() {
  }

  /**
   * The ISO 639-1 code of the text's most probable language (its profiles' probabilities added up: "zh" for both
   * Chinese profiles), or null when the text is null, has no letters, or no language reaches
   * {@code minProbability}. For a model trained on
   * {@code trained} (empty: not known), a language outside them is named only on strong evidence
   * ({@link LanguageEvidence}); else the language is undetermined (null).
   */
  static String identify(String text, double minProbability, List<String> trained) {
    Detection d = detect(text);
    if (d == null || d.probability() < minProbability) {
      return null;
    }
    if (trained.isEmpty() || trained.contains(d.language())
        || LanguageEvidence.strong(d.text(), d.probability(), trained)) {
      return d.language();
    }
    return null;
  }

  /** The most probable language of a text, its probability, and the part of the text it was read from. */
  record Detection(String language, double probability, String text) {
  }

  /** The text's most probable language, or null when the text is null or has no letters. */
  static Detection detect(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Holder h = holder();
    String sung = LyricsText.normalizeLight(text);  // section markers and timestamps are in no language
    String head = sung.length() > MAX_CHARS ? sung.substring(0, MAX_CHARS) : sung;
    Map<String, Double> byLanguage = new LinkedHashMap<>();  // zh-CN and zh-TW are both zh: their shares add up
    for (DetectedLanguage l : h.detector().getProbabilities(h.text().forText(head))) {
      byLanguage.merge(l.getLocale().getLanguage(), l.getProbability(), Double::sum);
    }
    return byLanguage.entrySet().stream().max(Map.Entry.comparingByValue())
        .map(best -> new Detection(best.getKey(), best.getValue(), head)).orElse(null);
  }

  private static Holder holder() {
    Holder h = holder;
    if (h == null) {
      synchronized (LanguageIdentifier.class) {
        h = holder;
        if (h == null) {
          try {
            LanguageDetector detector = LanguageDetectorBuilder.create(NgramExtractors.standard())
                .withProfiles(new LanguageProfileReader().readAllBuiltIn()).build();
            h = new Holder(detector, CommonTextObjectFactories.forDetectingOnLargeText());
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read the language profiles built into language-detector", e);
          }
          holder = h;
        }
      }
    }
    return h;
  }
}
