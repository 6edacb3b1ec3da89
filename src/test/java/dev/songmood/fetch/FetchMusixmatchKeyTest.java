package dev.songmood.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import dev.songmood.input.InputSpec;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The Musixmatch-style provider: search then lyrics, the free plan's notice cut, instrumental and not found, a key
 * the server refuses; and the key, which the server did receive, appears in no log line, table or result.
 */
class FetchMusixmatchKeyTest extends SparkTestBase {
  private static final String KEY = "mxm-SECRET-k3y-4242";

  private static String envelope(int status, String body) {
    return "{\"message\":{\"header\":{\"status_code\":" + status + "},\"body\":" + body + "}}";
  }

  @Test
  void searchThenLyricsAndTheKeyIsNeverWrittenDown() throws Exception {
    try (LyricsApi api = new LyricsApi(); LogCapture logs = new LogCapture()) {
      var s = api.server;
      s.stubFor(get(urlPathEqualTo(MusixmatchProvider.SEARCH)).withQueryParam("apikey", equalTo(KEY))
          .withQueryParam("q_track", equalTo("Key Song")).willReturn(okJson(envelope(200,
              "{\"track_list\":[{\"track\":{\"track_id\":77,\"instrumental\":0,\"has_lyrics\":1}}]}"))));
      s.stubFor(get(urlPathEqualTo(MusixmatchProvider.LYRICS)).withQueryParam("apikey", equalTo(KEY))
          .withQueryParam("track_id", equalTo("77")).willReturn(okJson(envelope(200,
              "{\"lyrics\":{\"lyrics_body\":\"made up words of a song\\nthat nobody sang\\n\\n******* This Lyrics "
                  + "is NOT for Commercial use *******\\n(1409623245432)\",\"instrumental\":0}}"))));
      s.stubFor(get(urlPathEqualTo(MusixmatchProvider.SEARCH)).withQueryParam("q_track", equalTo("Nothing"))
          .willReturn(okJson(envelope(200, "{\"track_list\":[]}"))));
      s.stubFor(get(urlPathEqualTo(MusixmatchProvider.SEARCH)).withQueryParam("q_track", equalTo("Hum"))
          .willReturn(okJson(envelope(200,
              "{\"track_list\":[{\"track\":{\"track_id\":78,\"instrumental\":1,\"has_lyrics\":0}}]}"))));
      s.stubFor(get(urlPathEqualTo(MusixmatchProvider.SEARCH)).withQueryParam("q_track", equalTo("Refused"))
          .willReturn(okJson(envelope(401, "[]"))));
      String catalog = write("catalog.csv", "id,artist,title\nm1,Key Artist,Key Song\nm2,Nobody,Nothing\n"
          + "m3,Mx Instrumental,Hum\nm4,Mx Refused,Refused\n").toString();
      FetchConfig config = FetchConfig.of(InputSpec.of(catalog), tmp.resolve("out").toString(),
          ProviderSpec.musixmatch(api.endpoint(), ApiKey.of(KEY), true)).withRate(50, 2);  // http, on loopback

      FetchResult r = FetchJob.run(spark, config);

      assertEquals(1L, r.count(Outcome.FETCHED));
      assertEquals(Map.of("not_found", 1L, "instrumental", 1L, "http_error", 1L), Map.of(
          "not_found", r.count("missed_not_found"), "instrumental", r.count("missed_instrumental"),
          "http_error", r.count("missed_http_error")));
      Row m1 = spark.read().parquet(r.catalogDir()).where("id = 'm1'").first();
      assertEquals("made up words of a song\nthat nobody sang", m1.getAs("lyrics"));
      assertEquals("musixmatch", m1.getAs("lyrics_source"));
      assertTrue(s.findAll(getRequestedFor(urlPathEqualTo(MusixmatchProvider.SEARCH))
          .withQueryParam("apikey", equalTo(KEY))).size() >= 4, "the server received the key");

      String logged = logs.text();
      assertTrue(logged.contains("fetch-lyrics"), "the capture saw the job's log lines");
      assertFalse(logged.contains(KEY), "the key is in a log line");
      for (String table : new String[] {r.cacheDir(), r.missesDir()}) {
        assertFalse(String.join("\n", spark.read().format("delta").load(table).toJSON().collectAsList())
            .contains(KEY), "the key is in " + table);
      }
      assertFalse(String.join("\n", spark.read().parquet(r.catalogDir()).toJSON().collectAsList()).contains(KEY));
      assertFalse((r + config.toString()).contains(KEY), "the key is in the result or the settings' text");
    }
  }
}
