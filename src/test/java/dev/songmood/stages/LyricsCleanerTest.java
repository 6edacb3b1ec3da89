package dev.songmood.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class LyricsCleanerTest extends SparkTestBase {
  private static final StructType SCHEMA = new StructType().add("id", DataTypes.StringType)
      .add("lyrics", DataTypes.StringType);
  private static final String RAW = "[Chorus]\r\n[00:12.30]I Can't STOP the Fire!\r\n\r\n\r\n\r\nIt?s burnin'";

  private List<String> clean(LyricsCleaner cleaner, Dataset<Row> df) {
    return cleaner.transform(df).orderBy("id").select("clean_lyrics").collectAsList().stream()
        .map(r -> r.getString(0)).toList();
  }

  @Test
  void fullProfileDoesTheOriginalProjectsStepsPlusLyricsRepairs() {
    Dataset<Row> df = frame(SCHEMA, new Object[] {"1", RAW}, new Object[] {"2", null});
    LyricsCleaner full = new LyricsCleaner().setProfile(CleaningProfile.FULL)
        .setStopWords(new String[] {"i", "the", "it", "is"});
    // section marker and timestamp gone, lower-cased, can't -> cannot, it?s -> it's -> it is, burnin' -> burning,
    // punctuation and stop words removed, one line
    assertEquals(Arrays.asList("cannot stop fire burning", null), clean(full, df));
  }

  @Test
  void lightProfileKeepsCasePunctuationAndStopWords() {
    Dataset<Row> df = frame(SCHEMA, new Object[] {"1", RAW});
    assertEquals(List.of("I Can't STOP the Fire!\n\nIt's burnin'"),
        clean(new LyricsCleaner().setProfile(CleaningProfile.LIGHT), df));
  }

  @Test
  void defaultStopWordsAreSparksEnglishList() {
    Dataset<Row> df = frame(SCHEMA, new Object[] {"1", "The night is ours and we are alive"});
    assertEquals(List.of("night alive"), clean(new LyricsCleaner(), df));
  }

  @Test
  void wrongInputTypeFailsBeforeAnyWork() {
    StructType numbers = new StructType().add("lyrics", DataTypes.IntegerType);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new LyricsCleaner().transform(frame(numbers, new Object[] {1})));
    assertTrue(e.getMessage().contains("must be string, found int"), e.getMessage());
  }

  @Test
  void profileAndStopWordsAreSavedInsideThePipeline() throws Exception {
    Dataset<Row> df = frame(SCHEMA, new Object[] {"1", RAW});
    PipelineModel model = new Pipeline().setStages(new PipelineStage[] {
        new LyricsCleaner().setProfile(CleaningProfile.FULL).setStopWords(new String[] {"fire"})}).fit(df);
    String path = tmp.resolve("p").toString();
    model.write().save(path);
    PipelineModel loaded = PipelineModel.load(path);
    assertEquals(model.transform(df).collectAsList(), loaded.transform(df).collectAsList());
    assertEquals("i cannot stop the it is burning",
        loaded.transform(df).select("clean_lyrics").first().getString(0));
    LyricsCleaner alone = StageRoundTrip.check(new LyricsCleaner().setProfile(CleaningProfile.LIGHT), tmp,
        LyricsCleaner::load, df, "id");
    assertEquals("light", alone.getOrDefault(alone.profile()));
  }
}
