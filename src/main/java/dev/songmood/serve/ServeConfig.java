package dev.songmood.serve;

/**
 * {@code serve}: the model to load once, where to listen, and the limits on a request: the body's size and the
 * number of songs in a batch. Defaults listen on loopback only; {@code --host 0.0.0.0} exposes the server.
 */
public record ServeConfig(String model, String host, int port, long maxBodyBytes, int maxBatch) {
  public static final String HOST = "127.0.0.1";
  public static final int PORT = 8080;
  /** 4 MiB: a batch of a few hundred songs' lyrics; a single song is capped far lower by the lyrics screen. */
  public static final long MAX_BODY_BYTES = 4L * 1024 * 1024;
  public static final int MAX_BATCH = 512;

  public ServeConfig {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--port must be 0..65535 (0: any free port), got " + port);
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("--max-body-bytes must be at least 1024");
    }
    if (maxBatch < 1) {
      throw new IllegalArgumentException("--max-batch must be at least 1");
    }
  }

  public ServeConfig(String model, String host, int port) {
    this(model, host, port, MAX_BODY_BYTES, MAX_BATCH);
  }
}
