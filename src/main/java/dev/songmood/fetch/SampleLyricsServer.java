package dev.songmood.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An LRCLIB-style lyrics API on loopback that answers from a JSON file of tracks in LRCLIB's own shape
 * ({@code id, trackName, artistName, albumName, duration, instrumental, plainLyrics, syncedLyrics}): what the demo
 * fetches from, so that a newcomer sees {@code fetch-lyrics} work with no network. {@code GET /api/get} matches
 * artist, title, album and duration (within 2 s), {@code GET /api/search} artist and title, both by {@link SongKey}.
 */
public final class SampleLyricsServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<JsonNode> tracks;
  private final AtomicLong requests = new AtomicLong();

  private SampleLyricsServer(HttpServer server, List<JsonNode> tracks) {
    this.server = server;
    this.tracks = tracks;
  }

  /** Serves the tracks of {@code answers} (a JSON array) on 127.0.0.1, on a free port. */
  public static SampleLyricsServer start(Path answers) {
    try {
      JsonNode array = JSON.readTree(answers.toFile());
      if (array == null || !array.isArray()) {
        throw new IllegalArgumentException(answers + " is not a JSON array of tracks");
      }
      List<JsonNode> tracks = iterable((ArrayNode) array);
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      SampleLyricsServer s = new SampleLyricsServer(server, tracks);
      server.createContext(LrclibProvider.GET, s::get);
      server.createContext(LrclibProvider.SEARCH, s::search);
      server.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the sample lyrics server on " + answers, e);
    }
  }

  private static List<JsonNode> iterable(ArrayNode array) {
    List<JsonNode> l = new java.util.ArrayList<>();
    array.forEach(l::add);
    return l;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public long requests() {
    return requests.get();
  }

  private void get(HttpExchange x) throws IOException {
    requests.incrementAndGet();
    Map<String, String> q = query(x);
    for (JsonNode t : tracks) {
      if (same(t, "artistName", q.get("artist_name")) && same(t, "trackName", q.get("track_name"))
          && same(t, "albumName", q.get("album_name")) && q.get("duration") != null
          && Math.abs(t.path("duration").asDouble() - Double.parseDouble(q.get("duration"))) <= 2) {
        send(x, 200, JSON.writeValueAsString(t));
        return;
      }
    }
    send(x, 404, "{\"code\":404,\"name\":\"TrackNotFound\",\"message\":\"Failed to find specified track\"}");
  }

  private void search(HttpExchange x) throws IOException {
    requests.incrementAndGet();
    Map<String, String> q = query(x);
    ArrayNode found = JSON.createArrayNode();
    for (JsonNode t : tracks) {
      if (same(t, "artistName", q.get("artist_name")) && same(t, "trackName", q.get("track_name"))) {
        found.add(t);
      }
    }
    send(x, 200, JSON.writeValueAsString(found));
  }

  private static boolean same(JsonNode track, String field, String asked) {
    return asked != null && Objects.equals(SongKey.normalise(track.path(field).asText(null)), SongKey.normalise(asked));
  }

  private static Map<String, String> query(HttpExchange x) {
    Map<String, String> q = new HashMap<>();
    String raw = x.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return q;
  }

  private static void send(HttpExchange x, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(status, bytes.length);
    try (var out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
