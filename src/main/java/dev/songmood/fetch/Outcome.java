package dev.songmood.fetch;

import java.util.List;

/**
 * Where each catalog row ends ({@code read = had_lyrics + fetched + cached + missed}) and why a song was missed. The
 * provider's answers that are definitive ({@link #FOUND}, {@link #NOT_FOUND}, {@link #INSTRUMENTAL}) go to the
 * cache and are never asked again; the others are failures of this run, asked again by the next one.
 */
public final class Outcome {
  public static final String HAD_LYRICS = "had_lyrics";
  public static final String FETCHED = "fetched";
  public static final String CACHED = "cached";
  public static final String MISSED = "missed";
  public static final List<String> ALL = List.of(HAD_LYRICS, FETCHED, CACHED, MISSED);

  /** An answer with lyrics (cached; never a miss reason). */
  public static final String FOUND = "found";
  public static final String NOT_FOUND = "not_found";
  public static final String INSTRUMENTAL = "instrumental";
  /** Still 429 after every retry. */
  public static final String RATE_LIMITED = "rate_limited";
  /** 5xx or another refused status after every retry, timeouts, refused connections, a provider down. */
  public static final String HTTP_ERROR = "http_error";
  /** An answer that is not the JSON the provider documents. */
  public static final String BAD_RESPONSE = "bad_response";
  /** The row has no artist or no title to ask with: never asked. */
  public static final String NO_ARTIST_OR_TITLE = "no_artist_or_title";

  /** The provider's answers the cache keeps. */
  public static final List<String> DEFINITIVE = List.of(FOUND, NOT_FOUND, INSTRUMENTAL);
  public static final List<String> MISS_REASONS = List.of(NOT_FOUND, INSTRUMENTAL, RATE_LIMITED, HTTP_ERROR,
      BAD_RESPONSE, NO_ARTIST_OR_TITLE);

  private Outcome() {
  }
}
