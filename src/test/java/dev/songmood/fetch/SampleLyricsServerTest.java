package dev.songmood.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import dev.songmood.input.InputSpec;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The demo's step: sample-data/metadata.csv filled from the loopback server that answers from
 * sample-data/lyrics-server.json, with the outcome each of its eight rows was written for.
 */
class SampleLyricsServerTest extends SparkTestBase {
  @Test
  void theDemoSampleIsFilled() {
    try (SampleLyricsServer server = SampleLyricsServer.start(projectDir().resolve("sample-data/lyrics-server.json"))) {
      FetchResult r = FetchJob.run(spark, FetchConfig.of(
          InputSpec.of(projectDir().resolve("sample-data/metadata.csv").toAbsolutePath().toString()),
          tmp.resolve("fetch").toString(), ProviderSpec.lrclib(server.endpoint())).withRate(50, 2));
      // meta001-004 found (meta002 synced), meta008 is meta001 spelt otherwise; meta005 instrumental, meta006 not
      // found, meta007 has no artist. Six songs asked, one request each (/api/get answers the four with album and
      // duration; /api/search the two without).
      assertEquals(Map.of("read", 8L, "fetched", 5L, "missed", 3L, "missed_instrumental", 1L, "missed_not_found", 1L,
          "missed_no_artist_or_title", 1L, "asked", 6L, "requests", 6L),
          Map.of("read", r.count("read"), "fetched", r.count("fetched"), "missed", r.count("missed"),
              "missed_instrumental", r.count("missed_instrumental"), "missed_not_found", r.count("missed_not_found"),
              "missed_no_artist_or_title", r.count("missed_no_artist_or_title"), "asked", r.count("asked"),
              "requests", r.count("requests")));
      assertEquals(6L, server.requests());
      Row synced = spark.read().parquet(r.catalogDir()).where("id = 'meta002'").first();
      assertEquals("lrclib:synced", synced.getAs("lyrics_source"));
      assertTrue(synced.<String>getAs("lyrics").startsWith("The boats come home"), synced.<String>getAs("lyrics"));
    }
  }
}
