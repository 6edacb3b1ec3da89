package dev.songmood.stages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.songmood.SparkTestBase;
import dev.songmood.input.Fields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The language detector learns the languages holding {@code minShare} of the accepted training songs, and its model
 * names each song's language and whether the model reads it; both save and load with their params.
 */
class LanguageDetectorTest extends SparkTestBase {
  private static final StructType SCHEMA = new StructType().add(Fields.ID, DataTypes.StringType)
      .add(Fields.LYRICS, DataTypes.StringType).add(Fields.REJECT_REASON, DataTypes.StringType)
      .add(Fields.REJECT_DETAIL, DataTypes.StringType);
  private static final String[] ENGLISH = {
      "I keep on dancing all night, you and me under the lights, we are never going home, hold me closer now",
      "The morning came too soon and the city woke without you, I walked along the river thinking of your smile",
      "We were young and we were foolish, we believed the summer would never end and the road would take us home",
      "Tell me why the rain keeps falling on the window of my room while I am waiting for a letter from you",
      "There is a light that never goes out in the house where we grew up, and my mother is singing in the kitchen",
      "Hold on to the dream we had when we were running through the fields, and the sky was wide and blue"};
  private static final String SPANISH = "Camino por la orilla del río cuando cae la tarde, busco tu voz entre las "
      + "piedras frías, y el viento me responde con canciones viejas que aprendimos juntos bajo los naranjos";

  /** Six English songs, one Spanish and one without lyrics accepted; three Spanish songs rejected by the screen. */
  private Dataset<Row> training() {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < ENGLISH.length; i++) {
      rows.add(new Object[] {"en" + i, ENGLISH[i], null, null});
    }
    rows.add(new Object[] {"es0", SPANISH, null, null});
    rows.add(new Object[] {"none", null, null, null});
    for (int i = 1; i <= 3; i++) {
      rows.add(new Object[] {"es" + i, SPANISH, "too_short", "screened out"});
    }
    return frame(SCHEMA, rows.toArray(new Object[0][]));
  }

  @Test
  void learnsTheLanguagesHoldingTheLeastShareOfTheAcceptedSongs() {
    // Accepted: 6 English, 1 Spanish, 1 undetermined = 8. Spanish holds 1/8 = 0.125 of them; counting the three
    // rejected Spanish songs too it would hold 4/11 = 0.36.
    LanguageDetectorModel strict = new LanguageDetector().setMinShare(0.15).fit(training());
    assertArrayEquals(new String[] {"en"}, strict.getLanguages());
    assertEquals(Map.of("en", 6L, "es", 1L, "und", 1L), strict.trainingCounts());
    LanguageDetectorModel lenient = new LanguageDetector().setMinShare(0.1).fit(training());
    assertArrayEquals(new String[] {"en", "es"}, lenient.getLanguages());
  }

  @Test
  void namesEachSongsLanguageAndWhetherTheModelReadsIt() {
    LanguageDetectorModel model = new LanguageDetectorModel("detector").setLanguages("en");
    Map<String, Row> byId = new HashMap<>();
    model.transform(training()).collectAsList().forEach(r -> byId.put(r.getAs(Fields.ID), r));
    assertEquals("en", byId.get("en0").getAs(Fields.LANGUAGE));
    assertEquals(true, byId.get("en0").getAs(Fields.LANGUAGE_SUPPORTED));
    assertEquals("es", byId.get("es0").getAs(Fields.LANGUAGE));
    assertEquals(false, byId.get("es0").getAs(Fields.LANGUAGE_SUPPORTED));
    assertNull(byId.get("none").getAs(Fields.LANGUAGE));
    assertEquals(true, byId.get("none").getAs(Fields.LANGUAGE_SUPPORTED), "undetermined counts as supported");
    assertNull(byId.get("es1").getAs(Fields.LANGUAGE), "a rejected song is not read");

    List<Map<String, Object>> songs = new ArrayList<>();
    songs.add(new HashMap<>(Map.of(Fields.LYRICS, SPANISH)));
    songs.add(new HashMap<>(Map.of(Fields.LYRICS, ENGLISH[0])));
    model.applyLocally(songs);
    assertEquals("es", songs.get(0).get(Fields.LANGUAGE));
    assertEquals(false, songs.get(0).get(Fields.LANGUAGE_SUPPORTED));
    assertEquals("en", songs.get(1).get(Fields.LANGUAGE));
  }

  @Test
  void theEstimatorAndItsModelSurviveSaveAndLoad() {
    LanguageDetector detector = new LanguageDetector().setMinShare(0.2);
    LanguageDetector detectorBack = StageRoundTrip.check(detector, tmp, path -> LanguageDetector.read().load(path),
        null, null);
    assertEquals(0.2, detectorBack.getMinShare());
    assertEquals(LanguageDetector.MIN_PROBABILITY_DEFAULT, detectorBack.getMinProbability());

    LanguageDetectorModel model = new LanguageDetectorModel("detector").setLanguages("en", "fr")
        .setMinProbability(0.7);
    LanguageDetectorModel back = StageRoundTrip.check(model, tmp, LanguageDetectorModel::load, training(),
        Fields.ID);
    assertArrayEquals(new String[] {"en", "fr"}, back.getLanguages());
    assertEquals(0.7, back.getMinProbability());
  }
}
