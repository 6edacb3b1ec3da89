package dev.songmood.fetch;

import java.io.Serializable;
import java.net.URI;
import java.util.List;

/**
 * Which lyrics API to ask, at which endpoint, with which key: built on the driver, opened on each executor. The
 * providers' defaults (endpoint, polite request rate, the key's environment variable) are here. A provider that sends
 * a key (Musixmatch: in every request's query string) is refused a plain {@code http://} endpoint, where anyone on the
 * way reads the key, unless {@code insecureEndpointAllowed} ({@code --allow-insecure-endpoint}: a test server).
 */
public record ProviderSpec(String name, String endpoint, ApiKey key, boolean insecureEndpointAllowed)
    implements Serializable {
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
  public static final String ALLOW_INSECURE_OPTION = "--allow-insecure-endpoint";

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
    refuseInsecureEndpoint(name, endpoint, insecureEndpointAllowed);
    key = key == null ? ApiKey.NONE : key;
    if (MUSIXMATCH.equals(name) && !key.present()) {
      throw new IllegalArgumentException("the musixmatch provider needs its API key in the environment variable $"
          + MUSIXMATCH_KEY_ENV + " (or the one --key-env names), never on the command line");
    }
  }

  /** Allowed a plain http:// endpoint only if the provider sends no key. */
  public ProviderSpec(String name, String endpoint, ApiKey key) {
    this(name, endpoint, key, false);
  }

  /** Whether the provider sends an API key with its requests (Musixmatch, in the query string). */
  public static boolean sendsKey(String name) {
    return MUSIXMATCH.equals(name);
  }

  /**
   * Refuses a plain {@code http://} endpoint for a provider that sends a key, unless {@code allowed}: the key would
   * cross the network in clear text. Checked by the command line before the key is read, and by the constructor.
   */
  public static void refuseInsecureEndpoint(String name, String endpoint, boolean allowed) {
    if (!allowed && sendsKey(name) && endpoint != null && endpoint.regionMatches(true, 0, "http://", 0, 7)) {
      throw new IllegalArgumentException("--endpoint is plain http://, and the " + name + " provider sends its API "
          + "key in every request's query string, readable by anyone on the way: use https://, or add "
          + ALLOW_INSECURE_OPTION + " to send it in clear text anyway (a test server on loopback)");
    }
  }

  public static ProviderSpec lrclib(String endpoint) {
    return new ProviderSpec(LRCLIB, endpoint, ApiKey.NONE);
  }

  public static ProviderSpec musixmatch(String endpoint, ApiKey key) {
    return new ProviderSpec(MUSIXMATCH, endpoint, key);
  }

  /** With {@code insecureEndpointAllowed}, an http:// endpoint too (a test server on loopback). */
  public static ProviderSpec musixmatch(String endpoint, ApiKey key, boolean insecureEndpointAllowed) {
    return new ProviderSpec(MUSIXMATCH, endpoint, key, insecureEndpointAllowed);
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
