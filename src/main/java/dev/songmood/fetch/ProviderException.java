package dev.songmood.fetch;

import java.time.Duration;

/**
 * A lookup that got no definitive answer: the miss reason ({@link Outcome}), a detail that names the endpoint's path
 * but never its query (which may hold the API key), whether another attempt may help, whether it counts against the
 * provider's health (circuit breaker), and the wait the provider asked for ({@code Retry-After}).
 */
public final class ProviderException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String reason;
  private final boolean retryable;
  private final boolean providerFailure;
  private final Duration retryAfter;

  private ProviderException(String reason, String detail, boolean retryable, boolean providerFailure,
      Duration retryAfter) {
    super(detail, null, false, false);  // no stack trace: an expected outcome, thousands a night
    this.reason = reason;
    this.retryable = retryable;
    this.providerFailure = providerFailure;
    this.retryAfter = retryAfter;
  }

  /** 429: try again, after {@code retryAfter} when the provider said so (null: the backoff decides). */
  static ProviderException rateLimited(String detail, Duration retryAfter) {
    return new ProviderException(Outcome.RATE_LIMITED, detail, true, false, retryAfter);
  }

  /** 5xx, a timeout, a refused connection: try again; counts against the provider's health. */
  static ProviderException unavailable(String detail) {
    return new ProviderException(Outcome.HTTP_ERROR, detail, true, true, null);
  }

  /** A status that another attempt will not change (400, 401...); {@code providerFailure} for a refused key. */
  static ProviderException refused(String detail, boolean providerFailure) {
    return new ProviderException(Outcome.HTTP_ERROR, detail, false, providerFailure, null);
  }

  static ProviderException badResponse(String detail) {
    return new ProviderException(Outcome.BAD_RESPONSE, detail, false, false, null);
  }

  public String reason() { return reason; }

  public boolean retryable() { return retryable; }

  public boolean providerFailure() { return providerFailure; }

  public Duration retryAfter() { return retryAfter; }
}
