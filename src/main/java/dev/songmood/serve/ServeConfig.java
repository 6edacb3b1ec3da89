package dev.songmood.serve;

/**
 * {@code serve}: the model to load once, where to listen, and the limits on what a client can make the server hold.
 * Every default is here. Defaults listen on loopback only; {@code --host 0.0.0.0} exposes the server.
 *
 * <ul>
 *   <li>{@code maxBodyBytes}: the body is read through a stream that stops at this many bytes plus one, whatever
 *       the transfer encoding (a chunked body has no Content-Length to check): over it, 413 and the connection is
 *       closed, the rest unread.
 *   <li>{@code maxBatch}: songs in one request; parsing stops at the first one over it (413).
 *   <li>{@code maxSongFields}: fields in one song object, and distinct field names over a whole batch (every name
 *       becomes a column for the model's screen); more is 400. JSON nesting depth, string and number lengths and
 *       field-name length are bounded by the constants below (400).
 *   <li>{@code readTimeoutMs}: a connection that sends nothing for this long while the server waits for it (the
 *       rest of a body, the next request) is closed (Jetty's idle timeout, also for blocking reads).
 *   <li>{@code minBodyBytesPerSecond}: a body that arrives slower than this on average is cut off with 408
 *       (Jetty's minimum request data rate); 0 turns the check off.
 *   <li>{@code maxConnections}: open connections; at the limit the server stops accepting until some close (Jetty's
 *       {@code ConnectionLimit}), and idle connections then get {@link #LIMITED_IDLE_TIMEOUT_MS}.
 *   <li>{@code maxConcurrent}: {@code POST /predict} requests being read or answered at once; one more gets 503
 *       at once, unread. This bounds the server threads a slow client can hold, so {@code GET /health} and
 *       {@code GET /model} always find one (Jetty's pool has {@link #JETTY_THREADS}).
 *   <li>{@code minConfidence}: songs less confident are answered with {@code "uncertain": true} (null: none is).
 * </ul>
 */
public record ServeConfig(String model, String host, int port, long maxBodyBytes, int maxBatch, int maxSongFields,
    long readTimeoutMs, long minBodyBytesPerSecond, int maxConnections, int maxConcurrent, Double minConfidence) {
  public static final String HOST = "127.0.0.1";
  public static final int PORT = 8080;
  /** 4 MiB: a batch of a few hundred songs' lyrics; a single song is capped far lower by the lyrics screen. */
  public static final long MAX_BODY_BYTES = 4L * 1024 * 1024;
  public static final int MAX_BATCH = 512;
  /** A song needs a handful (id, lyrics, artist, title, genre...); a catalog row rarely has more than a dozen. */
  public static final int MAX_SONG_FIELDS = 32;
  /** 10 s without a byte: a client that stopped sending, not a slow network. */
  public static final long READ_TIMEOUT_MS = 10_000;
  /** 1 KiB/s on average over a body: a 4 MiB batch may take an hour at that rate; a slow client's trickle may not. */
  public static final long MIN_BODY_BYTES_PER_SECOND = 1024;
  public static final int MAX_CONNECTIONS = 1000;
  /** Eight times the benchmark's concurrent clients; Spark answers fewer than that at once anyway. */
  public static final int MAX_CONCURRENT = 64;
  /** Javalin's default pool size for Jetty: {@code maxConcurrent} must leave threads to the other routes. */
  public static final int JETTY_THREADS = 250;
  /** The idle timeout of every connection while the connection limit is reached. */
  public static final long LIMITED_IDLE_TIMEOUT_MS = 1_000;
  /** JSON nesting: a batch array, a song object and a few levels of a field's value (a list of lines...). */
  public static final int MAX_JSON_DEPTH = 16;
  /** One JSON string, in chars: ten times the lyrics screen's longest lyrics (longer ones it answers itself). */
  public static final int MAX_STRING_CHARS = 1_000_000;
  public static final int MAX_NUMBER_CHARS = 100;
  public static final int MAX_FIELD_NAME_CHARS = 256;
  /**
   * The song sent through the model once before the server says it is ready (written for this: English, long
   * enough for the lyrics screen), so that the first client does not pay for the cold start of every stage.
   */
  public static final String WARM_UP_LYRICS = "Morning comes over the quiet town, the river runs and the bells ring "
      + "out, I hold your hand and we walk along, singing the words of an old, old song, the sun is warm and the "
      + "road is long, and every step is a step back home";

  public ServeConfig {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--port must be 0..65535 (0: any free port), got " + port);
    }
    if (maxBodyBytes < 1024 || maxBodyBytes >= Integer.MAX_VALUE) {
      throw new IllegalArgumentException("--max-body-bytes must be 1024.." + (Integer.MAX_VALUE - 1));
    }
    if (maxBatch < 1) {
      throw new IllegalArgumentException("--max-batch must be at least 1");
    }
    if (maxSongFields < 2) {
      throw new IllegalArgumentException("--max-song-fields must be at least 2 (id and lyrics)");
    }
    if (readTimeoutMs < 100) {
      throw new IllegalArgumentException("--read-timeout-ms must be at least 100");
    }
    if (minBodyBytesPerSecond < 0) {
      throw new IllegalArgumentException("the minimum body data rate must be 0 (off) or more bytes per second");
    }
    if (maxConcurrent < 1 || maxConcurrent > JETTY_THREADS / 2) {
      throw new IllegalArgumentException("--max-concurrent must be 1.." + JETTY_THREADS / 2
          + " (the rest of the server's threads answer the other routes)");
    }
    if (maxConnections <= maxConcurrent) {
      throw new IllegalArgumentException("--max-connections must be more than --max-concurrent (" + maxConcurrent
          + ")");
    }
    if (minConfidence != null && !(minConfidence >= 0 && minConfidence <= 1)) {
      throw new IllegalArgumentException("--min-confidence must be 0..1, got " + minConfidence);
    }
  }

  public ServeConfig(String model, String host, int port, long maxBodyBytes, int maxBatch, int maxSongFields,
      long readTimeoutMs, long minBodyBytesPerSecond, int maxConnections, int maxConcurrent) {
    this(model, host, port, maxBodyBytes, maxBatch, maxSongFields, readTimeoutMs, minBodyBytesPerSecond,
        maxConnections, maxConcurrent, null);
  }

  public ServeConfig(String model, String host, int port, long maxBodyBytes, int maxBatch) {
    this(model, host, port, maxBodyBytes, maxBatch, MAX_SONG_FIELDS, READ_TIMEOUT_MS, MIN_BODY_BYTES_PER_SECOND,
        MAX_CONNECTIONS, MAX_CONCURRENT);
  }

  public ServeConfig(String model, String host, int port) {
    this(model, host, port, MAX_BODY_BYTES, MAX_BATCH);
  }

  /** The same, with the connection limits given. */
  public ServeConfig withConnections(long readTimeoutMs, long minBodyBytesPerSecond, int maxConnections,
      int maxConcurrent) {
    return new ServeConfig(model, host, port, maxBodyBytes, maxBatch, maxSongFields, readTimeoutMs,
        minBodyBytesPerSecond, maxConnections, maxConcurrent, minConfidence);
  }

  /** The same, with songs below {@code threshold} (null: none) answered as uncertain. */
  public ServeConfig withMinConfidence(Double threshold) {
    return new ServeConfig(model, host, port, maxBodyBytes, maxBatch, maxSongFields, readTimeoutMs,
        minBodyBytesPerSecond, maxConnections, maxConcurrent, threshold);
  }
}
