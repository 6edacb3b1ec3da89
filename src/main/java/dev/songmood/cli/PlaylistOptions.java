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

/** {@code playlist}: a mood playlist from a labelled catalog, printed as JSON and written as a table. */
final class PlaylistOptions implements Command {
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
        .desc("leave out songs whose highest quadrant probability is below P; default "
            + PlaylistConfig.MIN_CONFIDENCE_DEFAULT).build());
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
          v.doubleValue("min-confidence", PlaylistConfig.MIN_CONFIDENCE_DEFAULT), v.path("out"));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    out.println(json(PlaylistJob.run(spark.get(), config)));
  }

  /** {"from":..,"to":..,"table":..,"songs":[{"position":1,"id":..,"artist":..,...}]}, one line. */
  static String json(PlaylistResult r) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("from", r.from().name()).put("to", r.to().name()).put("table", r.tableDir());
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
