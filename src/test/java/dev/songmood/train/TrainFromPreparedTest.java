package dev.songmood.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import dev.songmood.input.InputSpec;
import dev.songmood.prepare.PrepareConfig;
import dev.songmood.prepare.PrepareJob;
import dev.songmood.songs.ReadSongs;
import dev.songmood.stages.CleaningProfile;
import dev.songmood.stages.LyricsScreen;
import java.util.List;
import java.util.Map;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code demo}'s train starting from the songs its prepare read: the same model as a train that reads the input
 * itself (its own centre, its own screen), with no second read.
 */
@Tag("slow")
class TrainFromPreparedTest extends SparkTestBase {
  @Test
  void trainFromPreparesReadGivesTheModelATrainOfItsOwnGives() {
    InputSpec songs = InputSpec.of(projectDir().resolve("sample-data/songs.csv").toString());
    PrepareJob.Prepared prepared = PrepareJob.run(spark, new PrepareConfig(songs, tmp.resolve("prepare").toString(),
        TrainConfig.CENTRE_DEFAULT, null, CleaningProfile.FULL, LyricsScreen.MIN_CLEAN_CHARS_DEFAULT,
        LyricsScreen.MAX_RAW_CHARS_DEFAULT), true);
    ReadSongs read = prepared.read();
    assertNotEquals(StorageLevel.NONE(), read.songs().storageLevel(), "handed on cached");
    assertEquals(48, read.songs().count());
    assertFalse(read.serves(songs, TrainConfig.CENTRE_DEFAULT, null, CleaningProfile.LIGHT,
        LyricsScreen.MIN_CLEAN_CHARS_DEFAULT, LyricsScreen.MAX_RAW_CHARS_DEFAULT, false), "another cleaning");
    assertFalse(read.serves(songs, TrainConfig.CENTRE_DEFAULT, null, CleaningProfile.FULL,
        LyricsScreen.MIN_CLEAN_CHARS_DEFAULT, LyricsScreen.MAX_RAW_CHARS_DEFAULT, true), "the encoder's copy");

    SearchSpace small = SearchSpace.builder().vocabSizes(List.of(1000)).regParams(List.of(0.1)).build();
    TrainResult handed = TrainJob.run(spark, TrainConfig.builder().input(songs).out(tmp.resolve("a").toString())
        .search(small).build(), read);
    read.release();
    TrainResult own = TrainJob.run(spark, TrainConfig.builder().input(songs).out(tmp.resolve("b").toString())
        .search(small).build());
    assertEquals(own.counts(), handed.counts());
    assertArrayEquals(own.test().confusion(), handed.test().confusion());
    assertEquals(own.model().provenance().fields().get("centre"), handed.model().provenance().fields().get("centre"));
    for (String field : List.of("rows", "labels", "params", "held_out", "training_languages")) {
      assertEquals(String.valueOf(own.model().provenance().fields().get(field)),
          String.valueOf(handed.model().provenance().fields().get(field)), field);
    }
    // Spark sums the logistic regression's partial gradients in the order tasks finish: the same model to ~1e-14
    Map<?, ?> ownCalibration = (Map<?, ?>) own.model().provenance().fields().get("calibration");
    Map<?, ?> handedCalibration = (Map<?, ?>) handed.model().provenance().fields().get("calibration");
    assertEquals(ownCalibration.keySet(), handedCalibration.keySet());
    for (Object key : ownCalibration.keySet()) {
      if (ownCalibration.get(key) instanceof Number n) {
        assertEquals(n.doubleValue(), ((Number) handedCalibration.get(key)).doubleValue(), 1e-9, key.toString());
      } else {
        assertEquals(ownCalibration.get(key), handedCalibration.get(key), key.toString());
      }
    }
    assertTrue(handed.model().provenance().fields().get("inputs").toString().contains("songs.csv"));
  }
}
