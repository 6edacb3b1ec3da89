package dev.songmood.fetch;

import java.io.Serializable;
import java.net.URI;
import java.util.List;

/**
 * Which lyrics API to ask, at which endpoint, with which key: built on the driver, opened on each executor. The
 * providers' defaults (endpoint, polite request rate, the key's environment variable) are here.
 */
public record ProviderSpec(String name, String endpoint, ApiKey key) implements Serializable {
  /** LRCLIB-style open API: {@code GET /api/get} (artist, title, album, duration), then {@code /api/search}. */
  public static final String LRCLIB = "lrclib";
  public static final String LRCLIB_ENDPOINT = "https://lrclib.net";
  /** LRCLIB asks for no key and publishes no limit: a polite 5 requests/s for the whole cluster. */
  public static final double LRCLIB_REQUESTS_PER_SECOND = 5;

  /** Musixmatch-style API: {@code track.search}, then {@code track.lyrics.get}; the key from the environment. */
  public static final String MUSIXMATCH = "musixmatch";
  public static final String MUSIXMATCH_ENDPOINT = "https://api.musixmatch.com/ws/1.1";
  public static final double MUSIXMATCH_REQUESTS_PER_SECOND = 2;
  public static final String MUSIXMATCH_KEY_ENV = "MUSIXMATCH_API_KEY";

  public static final List<String> NAMES = List.of(LRCLIB, MUSIXMATCH);

  public ProviderSpec {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("--provider must be one of " + NAMES + ", got " + name);
    }
    endpoint = endpoint == null ? defaultEndpoint(name) : stripSlash(endpoint);
    URI uri;
    try {
      uri = URI.create(endpoint);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--endpoint is not a URL: " + endpoint);
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
        || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("--endpoint must be an http(s) URL with a host and no query or user, got "
          + endpoint);
    }
    key = key == null ? ApiKey.NONE : key;
    if (MUSIXMATCH.equals(name) && !key.present()) {
      throw new IllegalArgumentException("the musixmatch provider needs its API key in the environment variable $"
          + MUSIXMATCH_KEY_ENV + " (or the one --key-env names), never on the command line");
    }
  }

  public static ProviderSpec lrclib(String endpoint) {
    return new ProviderSpec(LRCLIB, endpoint, ApiKey.NONE);
  }

  public static ProviderSpec musixmatch(String endpoint, ApiKey key) {
    return new ProviderSpec(MUSIXMATCH, endpoint, key);
  }

  public static String defaultEndpoint(String name) {
    return MUSIXMATCH.equals(name) ? MUSIXMATCH_ENDPOINT : LRCLIB_ENDPOINT;
  }

  /** The provider's polite request rate for the whole cluster, when --requests-per-second does not say. */
  public static double defaultRequestsPerSecond(String name) {
    return MUSIXMATCH.equals(name) ? MUSIXMATCH_REQUESTS_PER_SECOND : LRCLIB_REQUESTS_PER_SECOND;
  }

  /** The provider's client, on an executor. */
  LyricsProvider open(PoliteHttp http) {
    return MUSIXMATCH.equals(name) ? new MusixmatchProvider(http, key) : new LrclibProvider(http);
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public String toString() {
    return name + " at " + endpoint;  // the key stays out of every message
  }
}
