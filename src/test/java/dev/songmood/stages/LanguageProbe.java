package dev.songmood.stages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.univocity.parsers.common.record.Record;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Which songs of a catalog the language stage takes to be in another language than the model's (English): before
 * (the detector's top language, as {@code LanguageIdentifier} named it until the evidence check) and after (with
 * {@link LanguageEvidence}), with each song's measures. Lyrics are never printed. A test-scope tool, not a test:
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/classpath.txt) dev.songmood.stages.LanguageProbe \
 *     ../shared/data/muse_lyrics.csv [src/test/resources/fixtures/languages.jsonl]
 * </pre>
 */
public final class LanguageProbe {
  private static final List<String> TRAINED = List.of("en");

  private LanguageProbe() {
  }

  public static void main(String[] args) throws Exception {
    CsvParserSettings settings = new CsvParserSettings();
    settings.setHeaderExtractionEnabled(true);
    settings.setMaxCharsPerColumn(-1);
    settings.getFormat().setLineSeparator("\n");
    int songs = 0;
    int before = 0;
    int after = 0;
    StringBuilder table = new StringBuilder();
    try (Reader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
      for (Record r : new CsvParser(settings).iterateRecords(in)) {
        songs++;
        String lyrics = r.getString("lyrics");
        LanguageIdentifier.Detection d = LanguageIdentifier.detect(lyrics);
        if (d == null || d.probability() < LanguageDetector.MIN_PROBABILITY_DEFAULT || TRAINED.contains(d.language())) {
          continue;
        }
        before++;
        String now = LanguageIdentifier.identify(lyrics, LanguageDetector.MIN_PROBABILITY_DEFAULT, TRAINED);
        boolean quarantined = now != null && !TRAINED.contains(now);
        after += quarantined ? 1 : 0;
        LanguageEvidence.Measures m = LanguageEvidence.measure(d.text(), TRAINED);
        table.append(String.format(Locale.ROOT, "%-10s %-30.30s %-30.30s %-3s %.3f %5d %5d %5.2f  %s%n",
            r.getString("song_id"), r.getString("artist"), r.getString("title"), d.language(), d.probability(),
            m.words(), m.distinctWords(), m.commonShare(), quarantined ? "QUARANTINED" : "kept (undetermined)"));
      }
    }
    System.out.printf("id         artist                         title                          lang prob  words "
        + "distinct common-share  after%n%s", table);
    System.out.printf("%s: %d songs; detected as another language than %s before: %d; quarantined after: %d%n",
        args[0], songs, TRAINED, before, after);
    if (args.length > 1) {
      int others = 0;
      int caught = 0;
      for (String line : Files.readAllLines(Path.of(args[1]))) {
        JsonNode song = new ObjectMapper().readTree(line);
        String id = song.path("id").asText();
        if (id.startsWith("html") || id.startsWith("url") || id.startsWith("en")) {
          continue;
        }
        others++;
        String now = LanguageIdentifier.identify(song.path("lyrics").asText(),
            LanguageDetector.MIN_PROBABILITY_DEFAULT, TRAINED);
        if (now != null && !TRAINED.contains(now)) {
          caught++;
        } else {
          LanguageEvidence.Measures m = LanguageEvidence.measure(song.path("lyrics").asText(), TRAINED);
          LanguageIdentifier.Detection d = LanguageIdentifier.detect(song.path("lyrics").asText());
          System.out.printf("fixture %s kept: %s %.3f %s%n", id, d == null ? null : d.language(),
              d == null ? 0 : d.probability(), m);
        }
      }
      System.out.printf("%s: %d of %d non-English songs quarantined%n", args[1], caught, others);
    }
  }
}
