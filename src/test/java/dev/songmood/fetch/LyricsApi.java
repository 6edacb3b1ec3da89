package dev.songmood.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.Comparator;
import java.util.List;

/**
 * A lyrics API on loopback (WireMock, 127.0.0.1 only) replaying LRCLIB-style answers recorded in shape, with made-up
 * lyrics: found, synced, instrumental, not found, 429 with Retry-After, 5xx, a hang past the timeout, malformed JSON.
 */
final class LyricsApi implements AutoCloseable {
  final WireMockServer server;

  LyricsApi() {
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(20)
        .asynchronousResponseEnabled(true).asynchronousResponseThreads(10));
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.port();
  }

  static String track(int id, String artist, String title, String plain, String synced, boolean instrumental) {
    return "{\"id\":" + id + ",\"trackName\":" + q(title) + ",\"artistName\":" + q(artist)
        + ",\"albumName\":\"Made Up\",\"duration\":200.0,\"instrumental\":" + instrumental + ",\"plainLyrics\":"
        + q(plain) + ",\"syncedLyrics\":" + q(synced) + "}";
  }

  static String q(String s) {
    return s == null ? "null" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  /** /api/search for this title answers {@code response}. */
  void search(String title, ResponseDefinitionBuilder response) {
    server.stubFor(get(urlPathEqualTo(LrclibProvider.SEARCH)).withQueryParam("track_name", equalTo(title))
        .willReturn(response));
  }

  void searchFinds(String title, String... tracks) {
    search(title, okJson("[" + String.join(",", tracks) + "]"));
  }

  /** /api/search for this title answers {@code first}, then {@code then} for every later request. */
  void searchThen(String title, ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
    server.stubFor(get(urlPathEqualTo(LrclibProvider.SEARCH)).withQueryParam("track_name", equalTo(title))
        .inScenario(title).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("answered").willReturn(first));
    server.stubFor(get(urlPathEqualTo(LrclibProvider.SEARCH)).withQueryParam("track_name", equalTo(title))
        .inScenario(title).whenScenarioStateIs("answered").willReturn(then));
  }

  /** Every search finds one track with plain lyrics named after the title asked. */
  void everySearchFinds() {
    server.stubFor(get(urlPathEqualTo(LrclibProvider.SEARCH)).atPriority(10)
        .willReturn(okJson("[" + track(1, "Any Artist", "Any Title", "made up words for a song that never was",
            null, false) + "]")));
  }

  static ResponseDefinitionBuilder status(int status) {
    return aResponse().withStatus(status).withBody("{\"error\":\"made up\"}");
  }

  int requests() {
    return server.getAllServeEvents().size();
  }

  List<LoggedRequest> requestsFor(String title) {
    return server.findAll(getRequestedFor(urlPathEqualTo(LrclibProvider.SEARCH))
        .withQueryParam("track_name", equalTo(title)));
  }

  /** Each request's path and title asked, in arrival order: says which song took an unexpected request. */
  String describeRequests() {
    return server.getAllServeEvents().stream()
        .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
        .map(e -> e.getRequest().getUrl() + " -> " + e.getResponse().getStatus())
        .collect(java.util.stream.Collectors.joining("\n  ", "requests seen by the server:\n  ", ""));
  }

  /** When each request arrived, in ms since the epoch, sorted. */
  List<Long> arrivals() {
    return server.getAllServeEvents().stream().map(e -> e.getRequest().getLoggedDate().getTime())
        .sorted(Comparator.naturalOrder()).toList();
  }

  @Override
  public void close() {
    server.stop();
  }
}
