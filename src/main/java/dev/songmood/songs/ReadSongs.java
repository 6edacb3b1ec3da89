package dev.songmood.songs;

import dev.songmood.input.InputSpec;
import dev.songmood.stages.CleaningProfile;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A labelled data set as one job read it, for a later job in the same JVM ({@code demo}: train after prepare): the
 * record-screened songs (cached; {@link LabelledSongs#labelled}) and the {@link Preprocessing} pipeline fitted on
 * them, with what they were read and fitted with. The later job starts from these instead of reading, screening and
 * fitting the same input again, where it would read and fit it the same way ({@link #serves}); it still learns its
 * own quadrant centre and screens with the pipeline. {@link #release} frees the cache.
 */
public record ReadSongs(InputSpec input, String centre, String quadrantColumn, Dataset<Row> songs,
    PipelineModel preprocess, CleaningProfile profile, int minCleanChars, int maxRawChars, boolean forEncoder) {

  /** Whether a job reading {@code input} with these settings would read these songs and fit this pipeline. */
  public boolean serves(InputSpec input, String centre, String quadrantColumn, CleaningProfile profile,
      int minCleanChars, int maxRawChars, boolean forEncoder) {
    return this.input.equals(input) && java.util.Objects.equals(this.centre, centre)
        && java.util.Objects.equals(this.quadrantColumn, quadrantColumn) && this.profile == profile
        && this.minCleanChars == minCleanChars && this.maxRawChars == maxRawChars && this.forEncoder == forEncoder;
  }

  public void release() {
    songs.unpersist();
  }
}
