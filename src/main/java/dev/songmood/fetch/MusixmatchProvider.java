package dev.songmood.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Musixmatch-style API: {@code track.search} by artist and title (the best-rated track with lyrics), then
 * {@code track.lyrics.get} by its id. Every answer is HTTP 200 with the real status in {@code message.header}, so
 * that status is checked inside the retried call (429 and 5xx retried; 401/402/403, a refused key, count against the
 * provider's health). The key goes in the query as {@code apikey}: never in a message.
 */
final class MusixmatchProvider implements LyricsProvider {
  static final String SEARCH = "/track.search";
  static final String LYRICS = "/track.lyrics.get";
  static final String SOURCE = ProviderSpec.MUSIXMATCH;
  /** The notice the free plan appends to every lyric: not part of the song. */
  private static final Pattern NOTICE = Pattern.compile("\\s*\\*{3,}[^*]*\\*{3,}\\s*(\\(\\d+\\))?\\s*$");

  private final PoliteHttp http;
  private final ApiKey key;

  MusixmatchProvider(PoliteHttp http, ApiKey key) {
    this.http = http;
    this.key = key;
  }

  @Override
  public Answer lookup(SongQuery song) throws ProviderException {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("q_artist", song.artist());
    q.put("q_track", song.title());
    q.put("page_size", "1");
    q.put("s_track_rating", "desc");
    q.put("f_has_lyrics", "1");
    q.put("apikey", key.reveal());
    JsonNode body = body(SEARCH, http.get(SEARCH, q, r -> reported(SEARCH, r)));
    if (body == null) {
      return Answer.notFound();
    }
    JsonNode list = JsonAnswers.require(SEARCH, body.get("track_list"), true);
    if (list.isEmpty()) {
      return Answer.notFound();
    }
    JsonNode track = JsonAnswers.require(SEARCH, list.get(0).get("track"), false);
    if (!track.hasNonNull("track_id")) {
      throw ProviderException.badResponse(SEARCH + ": a track without a track_id");
    }
    String id = track.get("track_id").asText();
    if (track.path("instrumental").asInt(0) == 1) {
      return Answer.instrumental(id);
    }
    if (track.path("has_lyrics").asInt(1) == 0) {
      return Answer.notFound();
    }
    Map<String, String> l = new LinkedHashMap<>();
    l.put("track_id", id);
    l.put("apikey", key.reveal());
    JsonNode lyricsBody = body(LYRICS, http.get(LYRICS, l, r -> reported(LYRICS, r)));
    if (lyricsBody == null) {
      return Answer.notFound();
    }
    JsonNode lyrics = JsonAnswers.require(LYRICS, lyricsBody.get("lyrics"), false);
    if (lyrics.path("instrumental").asInt(0) == 1) {
      return Answer.instrumental(id);
    }
    String text = JsonAnswers.text(lyrics, "lyrics_body");
    text = text == null ? null : NOTICE.matcher(text).replaceFirst("").strip();
    return text == null || text.isEmpty() ? Answer.notFound() : Answer.found(text, SOURCE, id);
  }

  /** The message body; null for a 404 (in the header or the HTTP status). */
  private static JsonNode body(String path, PoliteHttp.Response r) throws ProviderException {
    if (r.status() == 404) {
      return null;
    }
    JsonNode message = JsonAnswers.require(path, JsonAnswers.parse(path, r.body()).get("message"), false);
    if (message.path("header").path("status_code").asInt(0) == 404) {
      return null;
    }
    return JsonAnswers.require(path, message.get("body"), false);
  }

  /** The failure the answer's header reports, to be retried or given up on; null when it reports none. */
  private static ProviderException reported(String path, PoliteHttp.Response r) {
    if (r.status() == 404) {
      return null;
    }
    int status;
    try {
      status = JsonAnswers.parse(path, r.body()).path("message").path("header").path("status_code").asInt(200);
    } catch (ProviderException e) {
      return null;  // reported when the body is read
    }
    if (status == 429) {
      return ProviderException.rateLimited(path + ": status 429 in the answer", null);
    }
    if (status >= 500) {
      return ProviderException.unavailable(path + ": status " + status + " in the answer");
    }
    if (status == 401 || status == 402 || status == 403) {
      return ProviderException.refused(path + ": status " + status + " in the answer (the key was refused)", true);
    }
    if (status != 200 && status != 404) {
      return ProviderException.refused(path + ": status " + status + " in the answer", false);
    }
    return null;
  }
}
