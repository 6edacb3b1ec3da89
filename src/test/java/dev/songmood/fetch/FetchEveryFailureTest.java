package dev.songmood.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import dev.songmood.input.Fields;
import dev.songmood.input.InputSpec;
import dev.songmood.songs.CatalogSongs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One catalog with every outcome and every miss reason, against a loopback LRCLIB-style server: the counts add up
 * to what each song should get, each failure took the number of requests its retry policy says, Retry-After was
 * waited for, and the second run asks again only the songs that failed (the answers are cached).
 */
@Tag("slow")
class FetchEveryFailureTest extends SparkTestBase {
  private static final int ATTEMPTS = 3;
  /** Long enough that no answer is late on a busy CI machine; the hanging song is 3x this. */
  private static final long TIMEOUT_MS = 2_000;

  @Test
  void everyRowEndsInOneOutcomeWithItsReason() throws Exception {
    try (LyricsApi api = new LyricsApi()) {
      api.searchFinds("Plain Song", LyricsApi.track(1, "Plain Artist", "Plain Song",
          "made up plain words about a paper boat\nand a kite that never lands", null, false));
      api.server.stubFor(get(urlPathEqualTo(LrclibProvider.GET)).willReturn(aResponse().withStatus(404)
          .withBody("{\"code\":404,\"name\":\"TrackNotFound\",\"message\":\"Failed to find specified track\"}")));
      api.searchFinds("Synced Song", LyricsApi.track(2, "Synced Artist", "Synced Song", null,
          "[ti:Synced Song]\n[00:01.00]first made up line\n[00:05.50]second made up line", false));
      api.searchFinds("Only Hum", LyricsApi.track(3, "Quiet Artist", "Only Hum", null, null, true));
      api.searchFinds("No Such Song");
      api.searchThen("Wait For It", aResponse().withStatus(429).withHeader("Retry-After", "1"),
          okJson("[" + LyricsApi.track(5, "Busy Artist", "Wait For It", "made up words after the wait", null,
              false) + "]"));
      api.search("Always Down", LyricsApi.status(503));
      api.searchThen("Second Try", LyricsApi.status(500),
          okJson("[" + LyricsApi.track(7, "Flaky Artist", "Second Try", "made up words on the second try", null,
              false) + "]"));
      api.search("Never Answers", okJson("[]").withFixedDelay((int) (3 * TIMEOUT_MS)));
      api.search("Garbled", okJson("[{\"id\": 9, \"plainLyrics\": \"cut off"));
      api.search("Always Busy", aResponse().withStatus(429));

      String catalog = write("catalog.jsonl", String.join("\n",
          row("s01", "Plain Artist", "Plain Song", null),
          "{\"id\": \"s02\", \"artist\": \"Synced Artist\", \"title\": \"Synced Song\", \"album\": \"Alb\", "
              + "\"duration\": 200}",
          row("s03", "Quiet Artist", "Only Hum", null),
          row("s04", "Ghost Artist", "No Such Song", null),
          row("s05", "Busy Artist", "Wait For It", null),
          row("s06", "Down Artist", "Always Down", null),
          row("s07", "Flaky Artist", "Second Try", null),
          row("s08", "Slow Artist", "Never Answers", null),
          row("s09", "Broken Artist", "Garbled", null),
          row("s10", "Crowded Artist", "Always Busy", null),
          row("s11", "", "No Artist Song", null),
          row("s12", "Known Artist", "Already Here", "lyrics the catalog already had, made up"),
          row("s13", "plain ARTIST", "Plain Song!", null))).toString();
      String out = tmp.resolve("out").toString();
      FetchConfig config = FetchConfig.of(InputSpec.of(catalog), out, ProviderSpec.lrclib(api.endpoint()))
          .withRate(100, 2).withRetries(TIMEOUT_MS, ATTEMPTS, 50).withBreaker(1000);

      FetchResult first = FetchJob.run(spark, config);

      Map<String, Long> expected = new HashMap<>();
      expected.put("read", 13L);
      expected.put(Outcome.HAD_LYRICS, 1L);
      expected.put(Outcome.FETCHED, 5L);  // s01, s02, s05, s07, and s13 (s01's key: not asked again)
      expected.put(Outcome.CACHED, 0L);
      expected.put(Outcome.MISSED, 7L);
      for (String reason : Outcome.MISS_REASONS) {
        expected.put("missed_" + reason, reason.equals(Outcome.HTTP_ERROR) ? 2L : 1L);
      }
      expected.put("asked", 10L);
      // 1 each for s01, s03, s04, s09 (no retry on a bad answer); s02 /api/get + search; s05 and s07 2;
      // s06, s08, s10 every attempt.
      expected.put("requests", 4L + 2 + 2 + 2 + 3L * ATTEMPTS);
      System.out.println("every-failure fixture, first run: " + first.counts());
      assertEquals(expected, first.counts(), api::describeRequests);
      assertEquals(expected.get("requests").intValue(), api.requests(), api::describeRequests);

      List<Long> waited = api.requestsFor("Wait For It").stream().map(r -> r.getLoggedDate().getTime()).sorted()
          .toList();
      assertEquals(2, waited.size());
      assertTrue(waited.get(1) - waited.get(0) >= 950, "Retry-After: 1 honoured, waited "
          + (waited.get(1) - waited.get(0)) + " ms");

      Map<String, Row> rows = byId(spark.read().parquet(first.catalogDir()).collectAsList());
      assertEquals("lrclib:synced", rows.get("s02").getAs("lyrics_source"));
      String synced = rows.get("s02").getAs("lyrics");
      assertTrue(synced.contains("first made up line") && !synced.contains("[00:") && !synced.contains("[ti:"),
          synced);
      assertEquals("lrclib", rows.get("s13").getAs("lyrics_source"));
      assertEquals(rows.get("s01").<String>getAs("lyrics"), rows.get("s13").getAs("lyrics"));
      assertEquals("catalog", rows.get("s12").getAs("lyrics_source"));
      assertEquals(null, (Object) rows.get("s06").getAs("lyrics"));

      Map<String, Row> misses = byId(spark.read().format("delta").load(first.missesDir()).collectAsList());
      assertEquals(Map.of("s03", "instrumental", "s04", "not_found", "s06", "http_error", "s08", "http_error",
          "s09", "bad_response", "s10", "rate_limited", "s11", "no_artist_or_title"), reasons(misses));
      assertTrue(misses.get("s08").<String>getAs("detail").contains("no answer within " + TIMEOUT_MS + " ms"));

      // label reads the written catalog as it is: the fetched lyrics are its lyrics.
      List<Row> screened = CatalogSongs.read(spark, InputSpec.of(first.catalogDir())).collectAsList();
      assertEquals(13, screened.size());
      assertEquals(6, screened.stream().filter(r -> r.getAs(Fields.LYRICS) != null).count());

      // Second run: the definitive answers come from the cache; only the failures are asked again.
      int before = api.requests();
      FetchResult second = FetchJob.run(spark, config);
      System.out.println("every-failure fixture, second run: " + second.counts());
      assertEquals(4L, second.count("asked"));  // s06, s08, s09, s10
      assertEquals(second.count("requests"), api.requests() - before);
      assertEquals(0L, second.count(Outcome.FETCHED));
      assertEquals(5L, second.count(Outcome.CACHED));  // s01, s02, s05, s07, s13
      assertEquals(7L, second.count(Outcome.MISSED));
      assertEquals(1L, second.count("missed_not_found"));  // from the cache, not asked
      assertEquals(13L, second.count("read"));
      assertFalse(api.requestsFor("Plain Song").size() > 1, "a cached song was asked again");
    }
  }

  private static String row(String id, String artist, String title, String lyrics) {
    return "{\"id\": \"" + id + "\", \"artist\": \"" + artist + "\", \"title\": \"" + title + "\""
        + (lyrics == null ? "" : ", \"lyrics\": \"" + lyrics + "\"") + "}";
  }

  static Map<String, Row> byId(List<Row> rows) {
    Map<String, Row> m = new HashMap<>();
    rows.forEach(r -> m.put(r.getAs("id"), r));
    return m;
  }

  private static Map<String, String> reasons(Map<String, Row> misses) {
    Map<String, String> m = new HashMap<>();
    misses.forEach((id, r) -> m.put(id, r.getAs("reason")));
    return m;
  }
}
