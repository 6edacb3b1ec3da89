package dev.songmood.fetch;

import dev.songmood.input.InputSpec;

/**
 * {@code fetch-lyrics}: the catalog, the output directory, the lyrics cache (default {@code OUT/cache}), the provider,
 * and how politely to ask it. {@code requestsPerSecond} is the provider's limit for the whole cluster; each of the
 * {@code tasks} fetching tasks of a batch (0: Spark's default parallelism, one per executor core) gets an equal
 * share, so the shares add up to the limit whatever the executors. Every default is here.
 */
public record FetchConfig(InputSpec input, String out, String cache, ProviderSpec provider, double requestsPerSecond,
    int tasks, int songsPerBatch, long timeoutMillis, int maxAttempts, long backoffMillis, long maxRetryAfterMillis,
    int breakerMinCalls, int lockStaleSeconds) {
  /** Songs asked per batch: each batch's answers are appended to the cache in one commit (what a kill can lose). */
  public static final int SONGS_PER_BATCH = 300;
  /** 0: one fetching task per core Spark reports (its default parallelism). */
  public static final int TASKS = 0;
  public static final long TIMEOUT_MILLIS = 10_000;
  /** Attempts per request in all (the first one and three retries). */
  public static final int MAX_ATTEMPTS = 4;
  /** First backoff; doubled each retry, with up to half again of jitter. */
  public static final long BACKOFF_MILLIS = 500;
  /** The longest {@code Retry-After} honoured as such; a longer one waits this long. */
  public static final long MAX_RETRY_AFTER_MILLIS = 120_000;
  /**
   * Circuit breaker: over an executor's last 2 x 10 calls, opens when half failed (once 10 were made); open for 30 s,
   * then lets two calls try.
   */
  public static final int BREAKER_MIN_CALLS = 10;
  public static final long BREAKER_OPEN_MILLIS = 30_000;
  public static final int LOCK_STALE_SECONDS = 120;

  public static final String CATALOG_DIR = "catalog";
  public static final String CACHE_DIR = "cache";
  public static final String MISSES_DIR = "misses";
  /** Where a run keeps its batches' answers until it ends; never read by anyone else. */
  public static final String STAGING_DIR = "_staging";

  public FetchConfig {
    if (requestsPerSecond <= 0) {
      requestsPerSecond = ProviderSpec.defaultRequestsPerSecond(provider.name());
    }
    if (tasks < 0 || songsPerBatch < 1 || timeoutMillis < 1 || maxAttempts < 1 || backoffMillis < 0
        || maxRetryAfterMillis < 0 || breakerMinCalls < 1) {
      throw new IllegalArgumentException("--fetch-tasks must be 0 or more; --songs-per-batch, --timeout-ms and "
          + "--max-attempts at least 1; --backoff-ms 0 or more");
    }
    if (lockStaleSeconds < 6) {
      throw new IllegalArgumentException("--lock-stale-after must be at least 6 seconds");
    }
  }

  /** Every setting at its default (the provider's own request rate). */
  public static FetchConfig of(InputSpec input, String out, ProviderSpec provider) {
    return new FetchConfig(input, out, null, provider, 0, TASKS, SONGS_PER_BATCH, TIMEOUT_MILLIS, MAX_ATTEMPTS,
        BACKOFF_MILLIS, MAX_RETRY_AFTER_MILLIS, BREAKER_MIN_CALLS, LOCK_STALE_SECONDS);
  }

  public FetchConfig withRate(double perSecond, int fetchTasks) {
    return new FetchConfig(input, out, cache, provider, perSecond, fetchTasks, songsPerBatch, timeoutMillis,
        maxAttempts, backoffMillis, maxRetryAfterMillis, breakerMinCalls, lockStaleSeconds);
  }

  public FetchConfig withBatches(int songs) {
    return new FetchConfig(input, out, cache, provider, requestsPerSecond, tasks, songs, timeoutMillis, maxAttempts,
        backoffMillis, maxRetryAfterMillis, breakerMinCalls, lockStaleSeconds);
  }

  public FetchConfig withRetries(long timeout, int attempts, long backoff) {
    return new FetchConfig(input, out, cache, provider, requestsPerSecond, tasks, songsPerBatch, timeout, attempts,
        backoff, maxRetryAfterMillis, breakerMinCalls, lockStaleSeconds);
  }

  /** The calls an executor makes before its circuit breaker may open (it looks at twice as many). */
  public FetchConfig withBreaker(int minCalls) {
    return new FetchConfig(input, out, cache, provider, requestsPerSecond, tasks, songsPerBatch, timeoutMillis,
        maxAttempts, backoffMillis, maxRetryAfterMillis, minCalls, lockStaleSeconds);
  }

  /** The cache table's path: {@code cache}, or {@code OUT/cache}. */
  public String cachePath() {
    return cache != null ? cache : stripSlash(out) + "/" + CACHE_DIR;
  }

  /** One fetching task's politeness, for {@code fetchTasks} tasks sharing the limit. */
  Politeness politeness(int fetchTasks) {
    return new Politeness(requestsPerSecond / fetchTasks, timeoutMillis, maxAttempts, backoffMillis,
        maxRetryAfterMillis, 2 * breakerMinCalls, breakerMinCalls, BREAKER_OPEN_MILLIS);
  }

  static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
