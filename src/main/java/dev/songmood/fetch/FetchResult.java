package dev.songmood.fetch;

import java.util.Map;

/**
 * What a {@code fetch-lyrics} run did: rows by outcome ({@code read = had_lyrics + fetched + cached + missed},
 * {@code missed_<reason>} per reason), the songs it asked the provider about ({@code asked}, once per cache key) and
 * the HTTP requests that took ({@code requests}, retries included), and the tables it wrote.
 */
public record FetchResult(String runId, Map<String, Long> counts, String catalogDir, String cacheDir,
    String missesDir, double seconds) {
  public long count(String name) {
    return counts.getOrDefault(name, 0L);
  }
}
