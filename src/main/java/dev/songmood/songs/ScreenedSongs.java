package dev.songmood.songs;

import dev.songmood.stages.QuadrantDeriverModel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Songs after both screens: the record screen (done by the reader) and the model's own lyrics screen (cleaning
 * first), and for labelled data the label check. Every input row is in exactly one of {@link #accepted()} and
 * {@link #quarantine()}. Both frames are cached until {@link #release()}, since each is used several times.
 */
public final class ScreenedSongs {
  private final Dataset<Row> songs;
  private final Dataset<Row> screened;
  private final String runId;

  private ScreenedSongs(Dataset<Row> songs, Dataset<Row> screened, String runId) {
    this.songs = songs;
    this.screened = screened;
    this.runId = runId;
  }

  /**
   * @param songs    canonical songs with record-level rejections marked
   * @param labels   quadrant derivation to apply first, or null
   * @param screen   the lyrics screen, cleaning first: a saved model's ({@code EmotionModel::screenLyrics}), or the
   *                 {@link Preprocessing} pipeline a job fitted ({@code preprocess::transform})
   * @param labelled whether rows must have a quadrant (train, evaluate) or not (label)
   */
  public static ScreenedSongs of(Dataset<Row> songs, QuadrantDeriverModel labels, UnaryOperator<Dataset<Row>> screen,
      boolean labelled, String runId) {
    return of(songs, labels, screen, labelled, runId, StorageLevel.MEMORY_AND_DISK());
  }

  /** As above, caching at {@code level} ({@code DISK_ONLY} keeps a catalog of any size out of the heap). */
  public static ScreenedSongs of(Dataset<Row> songs, QuadrantDeriverModel labels, UnaryOperator<Dataset<Row>> screen,
      boolean labelled, String runId, StorageLevel level) {
    Dataset<Row> cached = cache(songs, level);
    Dataset<Row> accepted = Quarantine.accepted(cached);
    Dataset<Row> screened = screen.apply(labels == null ? accepted : labels.transform(accepted));
    if (labelled) {
      screened = GroundTruthSpec.requireLabel(screened);
    }
    return new ScreenedSongs(cached, screened.persist(level), runId);
  }

  /** Caches the songs once: callers that learn a centre first cache them before, so the input is read once. */
  public static Dataset<Row> cache(Dataset<Row> songs) {
    return cache(songs, StorageLevel.MEMORY_AND_DISK());
  }

  private static Dataset<Row> cache(Dataset<Row> songs, StorageLevel level) {
    return songs.storageLevel().equals(StorageLevel.NONE()) ? songs.persist(level) : songs;
  }


  /** Rows to classify (or train on), without the screening columns. */
  public Dataset<Row> accepted() {
    return Quarantine.accepted(screened);
  }

  /** Every rejected row, with its reason, in the quarantine schema. */
  public Dataset<Row> quarantine() {
    return Quarantine.of(songs, runId).unionByName(Quarantine.of(screened, runId));
  }

  /** The rows the lyrics screen rejected (not the record screen's), in the quarantine schema. */
  public Dataset<Row> screenRejections() {
    return Quarantine.of(screened, runId);
  }

  public long read() {
    return songs.count();
  }

  /** Rejected rows by reason, keyed {@code quarantined_<reason>}. */
  public Map<String, Long> quarantineCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Row r : quarantine().groupBy("reason").count().orderBy("reason").collectAsList()) {
      counts.put("quarantined_" + r.getString(0), r.getLong(1));
    }
    return counts;
  }

  public void release() {
    songs.unpersist();
    screened.unpersist();
  }
}
