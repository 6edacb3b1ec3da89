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
import java.util.List;

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
   * The ISO 639-1 code of the text's most probable language ("zh" for both Chinese profiles), or null when the
   * text is null, has no letters, or no language reaches {@code minProbability}.
   */
  static String identify(String text, double minProbability) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Holder h = holder();
    String sung = LyricsText.normalizeLight(text);  // section markers and timestamps are in no language
    String head = sung.length() > MAX_CHARS ? sung.substring(0, MAX_CHARS) : sung;
    List<DetectedLanguage> found = h.detector().getProbabilities(h.text().forText(head));
    if (found.isEmpty() || found.get(0).getProbability() < minProbability) {
      return null;
    }
    return found.get(0).getLocale().getLanguage();
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
