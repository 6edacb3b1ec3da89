package dev.songmood.prepare;

import dev.songmood.stages.CleaningProfile;
import dev.songmood.stages.LyricsCleaner;
import dev.songmood.stages.LyricsScreen;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The cleaning and screening stages as one pipeline (nothing to learn; fitting only checks the schema). */
public final class Preprocessing {
  private Preprocessing() {
  }

  public static PipelineModel fit(Dataset<Row> songs, CleaningProfile profile, int minCleanChars, int maxRawChars) {
    return new Pipeline().setStages(new PipelineStage[] {
        new LyricsCleaner().setProfile(profile),
        new LyricsScreen().setMinCleanChars(minCleanChars).setMaxRawChars(maxRawChars)})
        .fit(songs);
  }
}
