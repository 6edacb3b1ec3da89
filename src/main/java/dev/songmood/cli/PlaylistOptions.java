package dev.songmood.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.songmood.playlist.MoodPoint;
import dev.songmood.playlist.PlaylistConfig;
import dev.songmood.playlist.PlaylistJob;
import dev.songmood.playlist.PlaylistResult;
import dev.songmood.playlist.Song;
import java.io.PrintStream;
import java.util.function.Supplier;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code playlist}: a mood playlist from a labelled catalog, printed as JSON and written as a table. A playlist that
 * falls short (fewer songs than asked, or ending too far from the target) says so on stderr and exits
 * {@value #SHORT_EXIT}, unless {@code --allow-short}.
 */
final class PlaylistOptions implements Command {
  /** The exit code of a playlist that fell short (without --allow-short). */
  static final int SHORT_EXIT = 3;
  private static final Logger LOG = LoggerFactory.getLogger(PlaylistOptions.class);

  @Override
  public String name() { return "playlist"; }

  @Override
  public String summary() { return "a playlist that moves a listener from one mood to another (predictions table)"; }

  @Override
  public Options options() {
    Options o = new Options();
    o.addOption(Option.builder().longOpt("input").hasArg().argName("DIR")
        .desc("the predictions table label wrote (its --out/predictions; Delta or Parquet)").build());
    o.addOption(Option.builder().longOpt("from").hasArg().argName("MOOD")
        .desc("where the listener is: happy, angry, sad, relaxed, Q1..Q4, or VALENCE,AROUSAL in -1..1").build());
    o.addOption(Option.builder().longOpt("to").hasArg().argName("MOOD").desc("where the playlist ends").build());
    o.addOption(Option.builder().longOpt("songs").hasArg().argName("N")
        .desc("songs in the playlist; default " + PlaylistConfig.SONGS_DEFAULT).build());
    o.addOption(Option.builder().longOpt("artist-gap").hasArg().argName("K")
        .desc("after a song, its artist is not played again for K songs; default "
            + PlaylistConfig.ARTIST_GAP_DEFAULT).build());
    o.addOption(Option.builder().longOpt("min-confidence").hasArg().argName("P")
        .desc("leave out songs whose highest quadrant probability is below P; default: the model's threshold at "
            + PlaylistConfig.COVERAGE_DEFAULT + " coverage (its provenance), else its calibrated held-out accuracy, "
            + "else " + PlaylistConfig.MIN_CONFIDENCE_DEFAULT).build());
    o.addOption(SharedOptions.model());
    o.addOption(Option.builder().longOpt("max-end-distance").hasArg().argName("D")
        .desc("the last song must end within D of the target on the -1..1 plane; default "
            + PlaylistConfig.MAX_END_DISTANCE_DEFAULT).build());
    o.addOption(Option.builder().longOpt("allow-short").desc("exit 0 even when the playlist falls short (fewer "
        + "songs than asked, or its last song further than --max-end-distance from the target); without it such a "
        + "playlist is still printed and written, and the command exits " + SHORT_EXIT).build());
    o.addOption(SharedOptions.out("writes " + PlaylistConfig.PLAYLIST_DIR + "/ (Parquet, one row per song)"));
    SharedOptions.help(o);
    return o;
  }

  @Override
  public void run(OptionValues v, Supplier<SparkSession> spark, PrintStream out) {
    PlaylistConfig config;
    try {
      config = new PlaylistConfig(OptionValues.absolute(v.required("input")), MoodPoint.parse(v.required("from")),
          MoodPoint.parse(v.required("to")), v.integer("songs", PlaylistConfig.SONGS_DEFAULT, 1),
          v.integer("artist-gap", PlaylistConfig.ARTIST_GAP_DEFAULT, 0),
          v.flag("min-confidence") ? v.doubleValue("min-confidence", Double.NaN) : null,
          SharedOptions.modelDir(v), v.doubleValue("max-end-distance", PlaylistConfig.MAX_END_DISTANCE_DEFAULT),
          v.path("out"));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    PlaylistResult result = PlaylistJob.run(spark.get(), config);
    out.println(json(result));
    if (result.fellShort()) {
      if (!v.flag("allow-short")) {
        throw new CommandFailure(result.shortfall(), SHORT_EXIT);
      }
      LOG.warn("playlist: {} (--allow-short: exit 0)", result.shortfall());
    }
  }

  /**
   * {"from":..,"to":..,"table":..,"songs_asked":N,"short_by":N,"end_distance":d,"max_end_distance":d,
   * "min_confidence":p,"min_confidence_from":..,"songs":[{"position":1,"id":..,"artist":..,...}]}, one line. */
  static String json(PlaylistResult r) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("from", r.from().name()).put("to", r.to().name()).put("table", r.tableDir());
    root.put("songs_asked", r.waypoints().size()).put("short_by", r.shortBy());
    if (r.songs().isEmpty()) {
      root.putNull("end_distance");
    } else {
      root.put("end_distance", round(r.endDistance()));
    }
    root.put("max_end_distance", r.maxEndDistance()).put("min_confidence", round(r.minConfidence()))
        .put("min_confidence_from", r.minConfidenceFrom());
    ArrayNode songs = root.putArray("songs");
    int position = 1;
    for (Song s : r.songs()) {
      MoodPoint w = r.waypoints().get(s.step());
      ObjectNode n = songs.addObject();
      n.put("position", position++).put("id", s.id()).put("artist", s.artist()).put("title", s.title())
          .put("quadrant", s.quadrantName()).put("mood", s.mood()).put("confidence", round(s.confidence()))
          .put("valence", round(s.valence())).put("arousal", round(s.arousal()))
          .put("waypoint_valence", round(w.valence())).put("waypoint_arousal", round(w.arousal()))
          .put("position_from", s.positionFrom());
    }
    return root.toString();
  }

  private static double round(double x) {
    return Math.round(x * 1e4) / 1e4;
  }
}
