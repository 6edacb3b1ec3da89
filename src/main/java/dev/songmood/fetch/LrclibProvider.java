package dev.songmood.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.songmood.stages.text.LyricsText;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An LRCLIB-style API. With album and duration, {@code GET /api/get} (an exact match, 404 when none); otherwise, or
 * after that 404, {@code GET /api/search} by artist and title, taking the closest result by duration that has
 * lyrics. Plain lyrics are taken as they are; synced ({@code .lrc}) lyrics go through the job's light cleaning,
 * which removes their timing. A track marked instrumental is an answer of its own.
 */
final class LrclibProvider implements LyricsProvider {
  static final String GET = "/api/get";
  static final String SEARCH = "/api/search";
  static final String SOURCE = ProviderSpec.LRCLIB;
  static final String SOURCE_SYNCED = ProviderSpec.LRCLIB + ":synced";
  /** LRCLIB's own tolerance when matching durations. */
  static final int DURATION_TOLERANCE_SECONDS = 2;

  private final PoliteHttp http;

  LrclibProvider(PoliteHttp http) {
    this.http = http;
  }

  @Override
  public Answer lookup(SongQuery song) throws ProviderException {
    if (song.album() != null && song.durationSeconds() != null) {
      Map<String, String> q = new LinkedHashMap<>();
      q.put("artist_name", song.artist());
      q.put("track_name", song.title());
      q.put("album_name", song.album());
      q.put("duration", String.valueOf(song.durationSeconds()));
      PoliteHttp.Response r = http.get(GET, q);
      if (r.status() != 404) {
        Answer a = fromTrack(JsonAnswers.require(GET, JsonAnswers.parse(GET, r.body()), false));
        if (!a.status().equals(Outcome.NOT_FOUND)) {
          return a;
        }
      }
    }
    Map<String, String> q = new LinkedHashMap<>();
    q.put("artist_name", song.artist());
    q.put("track_name", song.title());
    PoliteHttp.Response r = http.get(SEARCH, q);
    if (r.status() == 404) {
      return Answer.notFound();
    }
    JsonNode results = JsonAnswers.require(SEARCH, JsonAnswers.parse(SEARCH, r.body()), true);
    return best(results, song.durationSeconds());
  }

  /** The result with lyrics closest in duration (the first on ties); instrumental when only instrumentals came. */
  private static Answer best(JsonNode results, Integer duration) throws ProviderException {
    Answer best = null;
    double bestDistance = Double.MAX_VALUE;
    Answer instrumental = null;
    for (JsonNode track : results) {
      Answer a = fromTrack(JsonAnswers.require(SEARCH, track, false));
      if (a.status().equals(Outcome.INSTRUMENTAL)) {
        instrumental = instrumental == null ? a : instrumental;
      } else if (a.status().equals(Outcome.FOUND)) {
        double distance = duration == null || !track.hasNonNull("duration") ? 0
            : Math.abs(track.get("duration").asDouble() - duration);
        if (distance < bestDistance) {
          best = a;
          bestDistance = distance;
        }
      }
    }
    if (best != null) {
      return best;
    }
    return instrumental != null ? instrumental : Answer.notFound();
  }

  static Answer fromTrack(JsonNode track) throws ProviderException {
    if (!track.has("id")) {
      throw ProviderException.badResponse("a track without an id");
    }
    String id = track.get("id").asText();
    if (track.path("instrumental").asBoolean(false)) {
      return Answer.instrumental(id);
    }
    String plain = JsonAnswers.text(track, "plainLyrics");
    if (plain != null) {
      return Answer.found(plain, SOURCE, id);
    }
    String synced = JsonAnswers.text(track, "syncedLyrics");
    if (synced != null) {
      String text = LyricsText.normalizeLight(synced);
      if (text != null && !text.isBlank()) {
        return Answer.found(text, SOURCE_SYNCED, id);
      }
    }
    return Answer.notFound();
  }
}
