package dev.songmood.fetch;

import java.io.Serializable;
import java.time.Duration;

/**
 * How one fetching task treats the provider: its share of the cluster's request rate, the timeout of one request,
 * retries (attempts in all, exponential backoff from {@code backoffMillis}, a {@code Retry-After} honoured up to
 * {@code maxRetryAfterMillis}), and the circuit breaker (opens when half of the last {@code breakerWindow} calls
 * failed, after at least {@code breakerMinCalls}; stays open {@code breakerOpenMillis}).
 */
public record Politeness(double requestsPerSecondPerTask, long timeoutMillis, int maxAttempts, long backoffMillis,
    long maxRetryAfterMillis, int breakerWindow, int breakerMinCalls, long breakerOpenMillis)
    implements Serializable {
  public Politeness {
    if (!(requestsPerSecondPerTask > 0)) {
      throw new IllegalArgumentException("the request rate must be positive");
    }
    if (maxAttempts < 1 || timeoutMillis < 1 || backoffMillis < 0 || breakerMinCalls < 1
        || breakerWindow < breakerMinCalls) {
      throw new IllegalArgumentException("bad retry or circuit breaker settings");
    }
  }

  /** The time between two permits of the task's rate limiter. */
  Duration permitInterval() {
    return Duration.ofNanos(Math.max(1L, Math.round(1e9 / requestsPerSecondPerTask)));
  }
}
