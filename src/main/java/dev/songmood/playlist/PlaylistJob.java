package dev.songmood.playlist;

import static org.apache.spark.sql.functions.col;

import dev.songmood.input.Fields;
import dev.songmood.io.HadoopFiles;
import dev.songmood.io.OutputPublisher;
import dev.songmood.runtime.RunId;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code playlist}: reads the predictions table, places its confident songs on the plane (the threshold from the
 * model, {@link ConfidenceThreshold}), finds each waypoint's nearest candidates with Spark (more when repeats used
 * them up), walks the waypoints on the driver and writes the playlist as a Parquet table under {@code out/playlist}.
 * The result says how far it fell short (songs not found, the last song's distance from the target); whether that
 * fails the command is the caller's choice.
 */
public final class PlaylistJob {
  private static final Logger LOG = LoggerFactory.getLogger(PlaylistJob.class);

  private PlaylistJob() {
  }

  public static PlaylistResult run(SparkSession spark, PlaylistConfig config) {
    Dataset<Row> table = read(spark, config.predictions());
    ConfidenceThreshold threshold = ConfidenceThreshold.resolve(spark, config, table);
    Column confident = col("confidence").geq(threshold.value());
    for (String p : PlanePosition.PROBABILITIES) {
      confident = confident.and(col(p).isNotNull());
    }
    Dataset<Row> eligible = PlanePosition.add(table).where(confident);
    List<MoodPoint> waypoints = new ArrayList<>();
    for (int i = 0; i < config.songs(); i++) {
      waypoints.add(MoodPoint.between(config.from(), config.to(), i, config.songs()));
    }
    int per = Math.max(PlaylistConfig.CANDIDATES_PER_WAYPOINT_DEFAULT, config.artistGap() + 2);
    Walk.Result walk;
    while (true) {
      walk = Walk.of(Candidates.nearest(spark, eligible, waypoints, per), per, config.artistGap());
      if (walk.needsMore().isEmpty()) {
        break;
      }
      LOG.info("playlist: waypoint {} found no song it may use among its {} nearest; fetching {}",
          walk.needsMore().get() + 1, per, per * 2);
      per *= 2;
    }
    String dir = config.out() + "/" + PlaylistConfig.PLAYLIST_DIR;
    Dataset<Row> rows = spark.createDataFrame(rows(walk.songs(), waypoints), schema()).coalesce(1);
    new OutputPublisher(new HadoopFiles(spark)).publish(dir, RunId.next(),
        staging -> rows.write().mode(SaveMode.ErrorIfExists).parquet(staging));
    LOG.info("playlist: {} songs from {} to {} ({} candidates per waypoint)", walk.songs().size(),
        config.from().name(), config.to().name(), per);
    return new PlaylistResult(config.from(), config.to(), waypoints, walk.songs(), dir, per, threshold.value(),
        threshold.from(), endDistance(walk.songs(), config.to()), config.maxEndDistance());
  }

  /** How far the last song sits from the target on the plane; NaN when there is no song. */
  static double endDistance(List<Song> songs, MoodPoint to) {
    if (songs.isEmpty()) {
      return Double.NaN;
    }
    Song last = songs.get(songs.size() - 1);
    return Math.hypot(last.valence() - to.valence(), last.arousal() - to.arousal());
  }

  /** The predictions table: Delta (what {@code label} writes) or Parquet, with ids, probabilities and confidence. */
  static Dataset<Row> read(SparkSession spark, String path) {
    if (!new HadoopFiles(spark).exists(path)) {
      throw new IllegalArgumentException("no predictions table at " + path + " (label writes one under "
          + "--out/predictions)");
    }
    Dataset<Row> table = DeltaTable.isDeltaTable(spark, path) ? spark.read().format("delta").load(path)
        : spark.read().parquet(path);
    List<String> needed = new ArrayList<>(List.of(Fields.ID, "confidence"));
    needed.addAll(Arrays.asList(PlanePosition.PROBABILITIES));
    List<String> missing = needed.stream().filter(c -> !Arrays.asList(table.columns()).contains(c)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(path + " is not a predictions table: it lacks " + missing + " (found "
          + Arrays.toString(table.columns()) + ")");
    }
    return table;
  }

  private static StructType schema() {
    return new StructType().add("position", DataTypes.IntegerType).add("waypoint_valence", DataTypes.DoubleType)
        .add("waypoint_arousal", DataTypes.DoubleType).add(Fields.ID, DataTypes.StringType)
        .add(Fields.ARTIST, DataTypes.StringType).add(Fields.TITLE, DataTypes.StringType)
        .add("quadrant_name", DataTypes.StringType).add("mood", DataTypes.StringType)
        .add("confidence", DataTypes.DoubleType).add("plane_valence", DataTypes.DoubleType)
        .add("plane_arousal", DataTypes.DoubleType).add(PlanePosition.SOURCE, DataTypes.StringType)
        .add("distance", DataTypes.DoubleType);
  }

  private static List<Row> rows(List<Song> songs, List<MoodPoint> waypoints) {
    List<Row> rows = new ArrayList<>();
    int position = 1;
    for (Song s : songs) {
      MoodPoint w = waypoints.get(s.step());
      rows.add(RowFactory.create(position++, w.valence(), w.arousal(), s.id(), s.artist(), s.title(),
          s.quadrantName(), s.mood(), s.confidence(), s.valence(), s.arousal(), s.positionFrom(), s.distance()));
    }
    return rows;
  }
}
