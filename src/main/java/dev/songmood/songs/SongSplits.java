package dev.songmood.songs;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import dev.songmood.input.Fields;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which songs train, choose and judge a model. By artist (the default), every song of an artist falls on one side:
 * a model that remembers artists (the catalog prior above all) is then judged on artists it never saw, as it meets a
 * new catalog. In MuSe's own split 85% of the test songs are by artists that also appear in train. By song, the
 * input's split column is kept, as before.
 *
 * <p>By artist: an input whose split column is already artist-disjoint keeps it; otherwise songs are split 70/15/15
 * by a hash of their artist (lower case, blanks folded), songs without an artist by their id. The folds of a
 * cross-validated search group songs the same way ({@link #groupKey}). By song, an input without a split column is
 * split 70/15/15 by a hash of the id.
 */
public final class SongSplits {
  private static final Logger LOG = LoggerFactory.getLogger(SongSplits.class);

  /** How songs are grouped into splits and folds. */
  public enum By {
    ARTIST, SONG;

    public static By parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--split-by must be artist or song, got '" + text + "'");
      }
    }
  }

  private SongSplits() {
  }

  /** The artist as a grouping key: lower case, blanks folded and trimmed; null when there is none. */
  public static Column artistKey() {
    Column a = lower(trim(regexp_replace(col(Fields.ARTIST), "\\s+", " ")));
    return when(a.notEqual(""), a);
  }

  /** What songs are grouped by: the artist key (the id where a song has no artist), or the id alone. */
  public static Column groupKey(By by) {
    return by == By.SONG ? col(Fields.ID) : coalesce(artistKey(), col(Fields.ID));
  }

  /**
   * How a model's songs were split, recorded in its provenance ({@link #toMap}) so that {@code evaluate --split}
   * picks the same songs: the grouping, the hash seed and the three split values.
   */
  public record Rule(By by, long seed, String train, String validation, String test) {
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("by", by.name().toLowerCase(Locale.ROOT));
      m.put("seed", seed);
      m.put("train", train);
      m.put("validation", validation);
      m.put("test", test);
      return m;
    }

    /** The rule a model's provenance recorded, if it recorded one (models trained before it did not). */
    public static java.util.Optional<Rule> of(Object recorded) {
      if (!(recorded instanceof Map<?, ?> m) || m.get("by") == null) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(new Rule(By.parse(String.valueOf(m.get("by"))),
          ((Number) m.get("seed")).longValue(), String.valueOf(m.get("train")), String.valueOf(m.get("validation")),
          String.valueOf(m.get("test"))));
    }
  }

  /** The songs with their split column set as {@code rule} says (see the class comment). */
  public static Dataset<Row> assign(Dataset<Row> songs, Rule rule) {
    boolean given = !songs.where(col(Fields.SPLIT).isNotNull()).isEmpty();
    By by = rule.by();
    if (by == By.ARTIST && songs.where(artistKey().isNotNull()).isEmpty()) {
      LOG.info("--split-by artist: the input names no artists; splitting by song");
      by = By.SONG;
    }
    if (given && (by == By.SONG || artistsOnOneSide(songs))) {
      LOG.info("splits: the input's split column{}", by == By.ARTIST ? " (already artist-disjoint)" : "");
      return songs;
    }
    LOG.info("splits: 70/15/15 by a hash of the {} (seed {}){}", by == By.ARTIST ? "artist" : "id", rule.seed(),
        given ? ", not the input's split column, which puts artists on both sides (--split-by song keeps it)" : "");
    Column bucket = pmod(xxhash64(groupKey(by), lit(rule.seed())), lit(100));
    return songs.withColumn(Fields.SPLIT, when(bucket.lt(70), lit(rule.train()))
        .when(bucket.lt(85), lit(rule.validation())).otherwise(lit(rule.test())));
  }

  private static boolean artistsOnOneSide(Dataset<Row> songs) {
    return songs.where(artistKey().isNotNull()).groupBy(artistKey().as("a"))
        .agg(countDistinct(col(Fields.SPLIT)).as("n")).where(col("n").gt(1)).isEmpty();
  }

  /**
   * How far the held-out songs' artists were seen by the model: artists with a name among the held-out songs, how
   * many of them have songs among {@code seen} (the rows the model was fitted on), and the held-out songs by those.
   */
  public static Map<String, Long> artistsSeen(Dataset<Row> heldOut, Dataset<Row> seen) {
    Dataset<Row> seenArtists = seen.select(artistKey().as("a")).where(col("a").isNotNull()).distinct();
    Dataset<Row> held = heldOut.select(artistKey().as("a")).where(col("a").isNotNull());
    Dataset<Row> heldSeen = held.join(seenArtists, "a");
    Map<String, Long> out = new LinkedHashMap<>();
    out.put("artists", held.distinct().count());
    out.put("artists_seen_in_training", heldSeen.distinct().count());
    out.put("songs_by_artists_seen_in_training", heldSeen.count());
    return out;
  }
}
