/**
 * {@code fetch-lyrics}: lyrics for catalog rows that have none, from a lyrics HTTP API, on the executors.
 *
 * <p>{@link dev.songmood.fetch.FetchJob} plans the run on the driver (which songs still need asking, in batches);
 * {@link dev.songmood.fetch.FetchPartition} asks one partition's songs through a {@link dev.songmood.fetch.LyricsProvider}
 * ({@link dev.songmood.fetch.LrclibProvider}, {@link dev.songmood.fetch.MusixmatchProvider}), every HTTP call going
 * through {@link dev.songmood.fetch.PoliteHttp}: a rate limiter, retries with backoff that honour {@code Retry-After},
 * and a circuit breaker (resilience4j). Answers go to the lyrics cache table batch by batch, so a killed run keeps
 * what it fetched and the rerun asks only what is still missing.
 */
package dev.songmood.fetch;
