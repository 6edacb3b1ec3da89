package dev.songmood.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A language the model was not trained on is named only on strong evidence: words counted by hand, common words of
 * the model's languages, scripts; short repeated lines never quarantine, a verse in another language or script does.
 */
class LanguageEvidenceTest {
  private static final List<String> ENGLISH = List.of("en");

  @Test
  void wordsDistinctWordsAndCommonWordsAreCountedAsWritten() {
    LanguageEvidence.Measures m = LanguageEvidence.measure("The cat and THE dog, don’t go", ENGLISH);
    assertEquals(7, m.words());
    assertEquals(6, m.distinctWords());  // the, cat, and, dog, don't, go
    // common English words (Spark ML's list): the, and, the, don't -> 4 of 7
    assertEquals(4.0 / 7, m.commonShare(), 1e-9);
    assertEquals(1.0, m.ownScriptShare(), 1e-9);

    LanguageEvidence.Measures han = LanguageEvidence.measure("我爱你 我爱你", ENGLISH);
    assertEquals(6, han.words(), "a Han character is a word of its own");
    assertEquals(3, han.distinctWords());
    assertEquals(0.0, han.ownScriptShare(), 1e-9);
  }

  @Test
  void repeatedLinesOrEnglishWordsAreNotEnoughAVerseInAnotherLanguageOrScriptIs() {
    String repeated = "Ayo ayo ayo, mi amor, dale dale\n".repeat(8);
    assertFalse(LanguageEvidence.strong(repeated, 0.999, ENGLISH), "few distinct words");
    String english = "I keep on dancing all night, you and me under the lights, we are never going home, "
        + "hold me closer now, the music is all that we know, so let it go";
    assertFalse(LanguageEvidence.strong(english, 0.999, ENGLISH), "English common words");
    String spanish = "Camino por la orilla del río cuando cae la tarde, busco tu voz entre las piedras frías, "
        + "y el viento me responde con canciones viejas que aprendimos juntos bajo los naranjos";
    assertTrue(LanguageEvidence.strong(spanish, 0.999, ENGLISH));
    assertFalse(LanguageEvidence.strong(spanish, 0.7, ENGLISH), "an unsure detector");
    assertTrue(LanguageEvidence.strong("Снег идёт над тихим городом", 0.6, ENGLISH), "another script, few words");
  }

  @Test
  void theIdentifierNamesATrainedLanguageAlwaysAndAnotherOnlyOnStrongEvidence() {
    String spanish = "Camino por la orilla del río cuando cae la tarde, busco tu voz entre las piedras frías, "
        + "y el viento me responde con canciones viejas que aprendimos juntos bajo los naranjos";
    assertEquals("es", LanguageIdentifier.identify(spanish, 0.5, ENGLISH));
    assertEquals("es", LanguageIdentifier.identify(spanish, 0.5, List.of("es")));
    String chant = "Ayo ayo ayo, mi amor, dale dale\n".repeat(8);
    String found = LanguageIdentifier.identify(chant, 0.5, ENGLISH);
    assertTrue(found == null || found.equals("en"), "a chant named " + found);
  }
}
