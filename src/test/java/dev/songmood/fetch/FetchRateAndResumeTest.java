package dev.songmood.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import dev.songmood.input.InputSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The limit holds, measured at the server; a second run over the same catalog asks nothing; a run cancelled mid-way
 * keeps its finished batches, and the rerun asks exactly the songs the cache does not hold.
 */
@Tag("slow")
class FetchRateAndResumeTest extends SparkTestBase {
  private static final int SONGS = 40;
  private static final double LIMIT = 8;
  private static final int TASKS = 2;

  private Path catalog() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("id,artist,title");
    for (int i = 0; i < SONGS; i++) {
      lines.add("r" + i + ",Artist " + i + ",Title " + i);
    }
    return write("catalog.csv", String.join("\n", lines) + "\n");
  }

  @Test
  void theRateHoldsAndTheSecondRunAsksNothing() throws Exception {
    try (LyricsApi api = new LyricsApi()) {
      api.everySearchFinds();
      FetchConfig config = FetchConfig.of(InputSpec.of(catalog().toString()), tmp.resolve("out").toString(),
          ProviderSpec.lrclib(api.endpoint())).withRate(LIMIT, TASKS).withBatches(20);

      FetchResult first = FetchJob.run(spark, config);
      assertEquals(SONGS, first.count(Outcome.FETCHED));
      List<Long> at = api.arrivals();
      assertEquals(SONGS, at.size());
      double seconds = (at.get(at.size() - 1) - at.get(0)) / 1000.0;
      double rate = (at.size() - 1) / seconds;
      int busiest = 0;
      for (int i = 0; i < at.size(); i++) {
        int j = i;
        while (j < at.size() && at.get(j) - at.get(i) < 1000) {
          j++;
        }
        busiest = Math.max(busiest, j - i);
      }
      System.out.printf("rate: %d requests in %.2f s = %.2f requests/s (limit %.1f over %d tasks); busiest 1-s "
          + "window %d requests%n", at.size(), seconds, rate, LIMIT, TASKS, busiest);
      assertTrue(rate <= LIMIT * 1.1, "mean rate " + rate + " over the limit " + LIMIT);
      // Each task's limiter may start a window on a permit and end it on another; a batch's new tasks start afresh.
      assertTrue(busiest <= LIMIT + 2 * TASKS, "busiest second held " + busiest + " requests");

      FetchResult second = FetchJob.run(spark, config);
      System.out.println("second run over the same catalog: " + second.counts() + "; server requests "
          + (api.requests() - SONGS));
      assertEquals(SONGS, api.requests(), "the second run asked the server");
      assertEquals(0L, second.count("requests"));
      assertEquals(SONGS, second.count(Outcome.CACHED));
    }
  }

  @Test
  void aRunCancelledMidWayKeepsItsBatchesAndTheRerunAsksOnlyTheRest() throws Exception {
    try (LyricsApi api = new LyricsApi()) {
      api.everySearchFinds();
      FetchConfig config = FetchConfig.of(InputSpec.of(catalog().toString()), tmp.resolve("out").toString(),
          ProviderSpec.lrclib(api.endpoint())).withRate(10, TASKS).withBatches(10);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread run = new Thread(() -> {
        try {
          FetchJob.run(spark, config);
        } catch (Throwable t) {
          failure.set(t);
        }
      });
      run.start();
      long deadline = System.currentTimeMillis() + 60_000;
      while (api.requests() < 15 && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      spark.sparkContext().cancelAllJobs();
      run.join(60_000);
      assertTrue(failure.get() != null, "the cancelled run should have failed");
      Thread.sleep(500);  // a request in flight when the task was killed
      int killed = api.requests();
      long cached = spark.read().format("delta").load(config.cachePath()).count();
      assertTrue(cached >= 10 && cached < SONGS, "finished batches in the cache: " + cached);

      FetchResult rerun = FetchJob.run(spark, config);
      int total = api.requests();
      System.out.printf("cancelled run: %d requests, %d songs in the cache; rerun: %d requests; %d in all for %d "
          + "songs%n", killed, cached, total - killed, total, SONGS);
      assertEquals(SONGS - cached, total - killed, "the rerun asked a song the cache held");
      assertEquals(SONGS - cached, rerun.count(Outcome.FETCHED));
      assertEquals(cached, rerun.count(Outcome.CACHED));
      assertTrue(total <= SONGS + 10, "more than one batch was lost: " + total);
    }
  }

  @Test
  void theCircuitBreakerStopsAskingAProviderThatIsDown() throws Exception {
    try (LyricsApi api = new LyricsApi()) {
      api.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
          com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(LrclibProvider.SEARCH))
          .willReturn(LyricsApi.status(503)));
      FetchConfig config = FetchConfig.of(InputSpec.of(catalog().toString()), tmp.resolve("out").toString(),
          ProviderSpec.lrclib(api.endpoint())).withRate(200, TASKS).withRetries(1000, 2, 10).withBreaker(6);
      FetchResult r = FetchJob.run(spark, config);
      System.out.println("provider down: " + r.counts() + " for " + SONGS + " songs");
      assertEquals(SONGS, r.count("missed_http_error"));
      assertTrue(api.requests() < SONGS, api.requests() + " requests: the breaker did not open");
      long notAsked = spark.read().format("delta").load(r.missesDir())
          .where("detail like '%circuit breaker open%'").count();
      assertTrue(notAsked >= SONGS / 2, notAsked + " songs failed fast");
    }
  }

  @Test
  void aBadCatalogFailsBeforeAnyRequest() throws Exception {
    Path noTitle = write("no-title.csv", "id,artist\n1,Someone\n");
    FetchConfig config = FetchConfig.of(InputSpec.of(noTitle.toString()), tmp.resolve("out").toString(),
        ProviderSpec.lrclib("http://127.0.0.1:9"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FetchJob.run(spark, config));
    assertTrue(e.getMessage().contains("no title column"), e.getMessage());
  }
}
