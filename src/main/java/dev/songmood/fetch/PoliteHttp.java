package dev.songmood.fetch;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * GET requests to a provider, each one through (outermost first) a retry, the executor's circuit breaker and the
 * task's rate limiter, so that retries take permits too and the rate holds with them. Retried: 429 (after its
 * {@code Retry-After}), 5xx, timeouts and failed connections, with exponential backoff and jitter. The breaker is
 * shared by the tasks of one run in one executor: once the provider is down, the executor's songs fail fast instead
 * of each waiting through its retries. Messages name the path, never the query (it may hold the API key).
 */
final class PoliteHttp {
  /** One client per executor JVM: it pools connections and threads for every task. */
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
      .followRedirects(HttpClient.Redirect.NORMAL).build();
  private static final Map<String, CircuitBreaker> BREAKERS = new ConcurrentHashMap<>();
  static final String USER_AGENT = "songmood fetch-lyrics (https://github.com/songmood)";

  /** A provider's answer: the status (2xx or 404; every other one is a {@link ProviderException}) and the body. */
  record Response(int status, String body) {
  }

  private final String endpoint;
  private final Politeness p;
  private final RateLimiter limiter;
  private final Retry retry;
  private final CircuitBreaker breaker;
  private long requests;

  PoliteHttp(String endpoint, Politeness p, String breakerKey) {
    this.endpoint = endpoint;
    this.p = p;
    this.limiter = RateLimiter.of("fetch-lyrics", RateLimiterConfig.custom().limitForPeriod(1)
        .limitRefreshPeriod(p.permitInterval()).timeoutDuration(Duration.ofDays(1)).build());
    this.retry = Retry.of("fetch-lyrics", RetryConfig.<Response>custom().maxAttempts(p.maxAttempts())
        .retryOnException(e -> e instanceof ProviderException pe && pe.retryable())
        .intervalBiFunction((IntervalBiFunction<Response>) (attempt, outcome) -> waitMillis(attempt,
            outcome.isLeft() ? outcome.getLeft() : null))
        .build());
    this.breaker = BREAKERS.computeIfAbsent(breakerKey, k -> CircuitBreaker.of("fetch-lyrics",
        CircuitBreakerConfig.custom().slidingWindowSize(p.breakerWindow()).minimumNumberOfCalls(p.breakerMinCalls())
            .failureRateThreshold(50).waitDurationInOpenState(Duration.ofMillis(p.breakerOpenMillis()))
            .permittedNumberOfCallsInHalfOpenState(2)
            .recordException(e -> e instanceof ProviderException pe && pe.providerFailure())
            .build()));
  }

  /** HTTP requests sent so far, retries included. */
  long requests() {
    return requests;
  }

  Response get(String path, Map<String, String> query) throws ProviderException {
    return get(path, query, r -> null);
  }

  /**
   * GET {@code path?query}; {@code check} turns an answer that reports a failure in its body (Musixmatch's status
   * header) into the exception to retry or give up with, inside the retried call.
   */
  Response get(String path, Map<String, String> query, Function<Response, ProviderException> check)
      throws ProviderException {
    URI uri = URI.create(endpoint + path + "?" + encode(query));
    CheckedSupplier<Response> call = () -> once(uri, path, check);
    call = RateLimiter.decorateCheckedSupplier(limiter, call);
    call = CircuitBreaker.decorateCheckedSupplier(breaker, call);
    call = Retry.decorateCheckedSupplier(retry, call);
    try {
      return call.get();
    } catch (ProviderException e) {
      throw e;
    } catch (CallNotPermittedException e) {
      throw ProviderException.refused("not asked: the provider is down (circuit breaker open after repeated "
          + "failures)", false);
    } catch (RequestNotPermitted e) {
      throw new CancellationException("interrupted while waiting for the rate limiter");
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable t) {
      throw ProviderException.unavailable(path + ": " + t.getClass().getSimpleName());
    }
  }

  private Response once(URI uri, String path, Function<Response, ProviderException> check)
      throws ProviderException {
    requests++;
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(p.timeoutMillis()))
        .header("User-Agent", USER_AGENT).header("Accept", "application/json").GET().build();
    HttpResponse<String> r;
    try {
      r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw ProviderException.unavailable(path + ": no answer within " + p.timeoutMillis() + " ms");
    } catch (IOException e) {
      throw ProviderException.unavailable(path + ": " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted during a request");
    }
    int status = r.statusCode();
    if (status == 429) {
      throw ProviderException.rateLimited(path + ": 429 Too Many Requests",
          retryAfter(r.headers().firstValue("Retry-After").orElse(null)));
    }
    if (status >= 500) {
      throw ProviderException.unavailable(path + ": HTTP " + status);
    }
    if (status != 404 && (status < 200 || status >= 300)) {
      throw ProviderException.refused(path + ": HTTP " + status, status == 401 || status == 403);
    }
    Response response = new Response(status, r.body());
    ProviderException reported = check.apply(response);
    if (reported != null) {
      throw reported;
    }
    return response;
  }

  /** The provider's {@code Retry-After} (up to the cap) when it gave one, else exponential backoff with jitter. */
  private long waitMillis(int attempt, Throwable failure) {
    if (failure instanceof ProviderException pe && pe.retryAfter() != null) {
      return Math.min(pe.retryAfter().toMillis(), p.maxRetryAfterMillis());
    }
    long base = p.backoffMillis() << Math.min(attempt - 1, 10);
    return base + (base == 0 ? 0 : ThreadLocalRandom.current().nextLong(base / 2 + 1));
  }

  /** Seconds or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
    } catch (NumberFormatException e) {
      try {
        Duration d = Duration.between(ZonedDateTime.now(),
            ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
        return d.isNegative() ? Duration.ZERO : d;
      } catch (RuntimeException notADate) {
        return null;
      }
    }
  }

  private static String encode(Map<String, String> query) {
    StringJoiner j = new StringJoiner("&");
    query.forEach((k, v) -> j.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return j.toString();
  }
}
