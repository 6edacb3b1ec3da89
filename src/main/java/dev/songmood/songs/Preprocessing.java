package dev.songmood.songs;

import dev.songmood.input.Fields;
import dev.songmood.stages.CleaningProfile;
import dev.songmood.stages.LanguageDetector;
import dev.songmood.stages.LyricsCleaner;
import dev.songmood.stages.LyricsScreen;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The cleaning, screening and language stages as one pipeline. Fitting learns only which languages the accepted
 * songs are in ({@link LanguageDetector}); the rest only checks the schema.
 */
public final class Preprocessing {
  private Preprocessing() {
  }

  public static PipelineModel fit(Dataset<Row> songs, CleaningProfile profile, int minCleanChars, int maxRawChars) {
    return fit(songs, profile, minCleanChars, maxRawChars, false);
  }

  /**
   * With {@code forEncoder}, a second cleaner keeps a lightly normalised copy ({@link Fields#LIGHT_LYRICS}) for the
   * encoder, which works best on text with its case, punctuation and stop words.
   */
  public static PipelineModel fit(Dataset<Row> songs, CleaningProfile profile, int minCleanChars, int maxRawChars,
      boolean forEncoder) {
    java.util.List<PipelineStage> stages = new java.util.ArrayList<>();
    stages.add(new LyricsCleaner().setProfile(profile));
    if (forEncoder) {
      stages.add(new LyricsCleaner().setProfile(CleaningProfile.LIGHT).setOutputCol(Fields.LIGHT_LYRICS));
    }
    stages.add(new LyricsScreen().setMinCleanChars(minCleanChars).setMaxRawChars(maxRawChars));
    stages.add(new LanguageDetector());
    return new Pipeline().setStages(stages.toArray(new PipelineStage[0])).fit(songs);
  }
}
