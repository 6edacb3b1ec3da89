package dev.songmood.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SampleModel;
import dev.songmood.SparkTestBase;
import dev.songmood.input.InputSpec;
import dev.songmood.model.EmotionModel;
import dev.songmood.model.ModelLanguages;
import dev.songmood.songs.LanguagePolicy;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Lyrics in six languages (made-up lines, 8 songs each: en es fr ru zh ar; the id says the language) and seven web
 * pages, links and licensing notices (fixtures/languages.jsonl), labelled by the sample model, trained on English.
 */
@Tag("slow")
class LabelLanguagesTest extends SparkTestBase {
  private static final List<String> LANGUAGES = List.of("en", "es", "fr", "ru", "zh", "ar");

  private String fixture() {
    return projectDir().resolve("src/test/resources/fixtures/languages.jsonl").toString();
  }

  private LabelResult label(LanguagePolicy policy, String out) {
    return LabelJob.run(spark, new LabelConfig(SampleModel.get().modelDir(), InputSpec.of(fixture()),
        tmp.resolve(out).toString(), false, false, LabelConfig.SONGS_PER_TASK, null, LabelConfig.LOCK_STALE_SECONDS,
        policy));
  }

  private Map<String, String> reasons(LabelResult r) {
    Map<String, String> byId = new TreeMap<>();
    for (Row q : spark.read().format("delta").load(r.quarantineDir()).collectAsList()) {
      byId.put(q.getString(q.fieldIndex("id")), q.getString(q.fieldIndex("reason")));
    }
    return byId;
  }

  @Test
  void theModelRecordsItsTrainingLanguagesAndQuarantinesOthersByDefault() {
    EmotionModel model = EmotionModel.load(spark, SampleModel.get().modelDir());
    assertEquals(List.of("en"), ModelLanguages.trained(model));
    assertEquals(List.of("en"), model.provenance().get(ModelLanguages.TRAINED_LANGUAGES));

    LabelResult r = label(LanguagePolicy.DEFAULT, "quarantine");
    assertEquals(55L, r.counts().get("read"));
    assertEquals(8L, r.counts().get("labelled"), r.counts().toString());
    assertEquals(40L, r.counts().get("quarantined_unsupported_language"), r.counts().toString());
    assertEquals(7L, r.counts().get("quarantined_not_lyrics"), r.counts().toString());
    Map<String, String> reasons = reasons(r);
    reasons.forEach((id, reason) -> assertEquals(id.startsWith("html") || id.startsWith("url") ? "not_lyrics"
        : "unsupported_language", reason, id));
    for (Row p : spark.read().format("delta").load(r.predictionsDir()).collectAsList()) {
      assertTrue(p.getString(p.fieldIndex("id")).startsWith("en"));
      assertEquals("en", p.getString(p.fieldIndex("language")));
      assertTrue(p.getBoolean(p.fieldIndex("language_supported")));
    }
    Row q = spark.read().format("delta").load(r.quarantineDir()).where("id = 'ru01'").first();
    assertTrue(q.getString(q.fieldIndex("detail")).startsWith("lyrics in ru; the model was trained on en"),
        q.getString(q.fieldIndex("detail")));
  }

  @Test
  void flagLabelsEveryLanguageAndSaysWhichTheModelDoesNotRead() {
    LabelResult r = label(LanguagePolicy.FLAG, "flag");
    assertEquals(48L, r.counts().get("labelled"), r.counts().toString());
    assertEquals(7L, r.counts().get("quarantined_not_lyrics"), r.counts().toString());
    Map<String, int[]> right = new TreeMap<>();
    for (Row p : spark.read().format("delta").load(r.predictionsDir()).collectAsList()) {
      String id = p.getString(p.fieldIndex("id"));
      String expected = id.substring(0, 2);
      String language = p.getString(p.fieldIndex("language"));
      int[] c = right.computeIfAbsent(expected, k -> new int[2]);
      c[1]++;
      if (expected.equals(language)) {
        c[0]++;
      }
      assertEquals("en".equals(language), p.getBoolean(p.fieldIndex("language_supported")), id);
    }
    StringBuilder table = new StringBuilder("language  detected right\n");
    right.forEach((lang, c) -> table.append(String.format("%-8s  %d/%d (%.0f%%)%n", lang, c[0], c[1],
        100.0 * c[0] / c[1])));
    System.out.println(table);
    assertEquals(LANGUAGES.stream().sorted().toList(), List.copyOf(right.keySet()));
    right.forEach((lang, c) -> assertTrue(c[0] >= 7, lang + ": " + c[0] + "/" + c[1] + " detected right"));
  }

  @Test
  void aModelSavedBeforeLanguageDetectionIsTakenToReadEnglish() {
    // The model shipped until 2026-12-07, kept as a fixture: saved before models recorded their languages.
    EmotionModel shipped = EmotionModel.load(spark,
        projectDir().resolve("src/test/resources/models/saved-before-languages").toString());
    assertNull(shipped.provenance().get(ModelLanguages.TRAINED_LANGUAGES), "the old model predates it");
    assertEquals(List.of("en"), ModelLanguages.trained(shipped));
    Row es = shipped.screenLyrics(spark.read().json(fixture()).where("id = 'es01'")).first();
    assertEquals("es", es.getString(es.fieldIndex("language")));
    assertFalse(es.getBoolean(es.fieldIndex("language_supported")));
  }
}
