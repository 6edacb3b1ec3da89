package dev.songmood.serve;

import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The server's connection limits from {@link ServeConfig}, set with Jetty's own means: the connector's idle
 * timeout (also the timeout of a blocking read), the minimum request data rate, a {@link ConnectionLimit} and the
 * thread pool's size. Javalin's {@code maxRequestSize} is set too, but it only checks a declared Content-Length:
 * {@link RequestBody} bounds the bytes actually read.
 */
final class JettyLimits {
  private JettyLimits() {
  }

  static void apply(JavalinConfig c, ServeConfig config) {
    c.http.maxRequestSize = config.maxBodyBytes();
    QueuedThreadPool pool = new QueuedThreadPool(ServeConfig.JETTY_THREADS, 8, 60_000);
    pool.setName("songmood-serve");
    c.jetty.threadPool = pool;
    c.jetty.modifyHttpConfiguration(http -> {
      http.setIdleTimeout(config.readTimeoutMs());
      http.setMinRequestDataRate(config.minBodyBytesPerSecond());
    });
    c.jetty.addConnector((server, http) -> {
      ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
      connector.setHost(config.host());
      connector.setPort(config.port());
      connector.setIdleTimeout(config.readTimeoutMs());
      ConnectionLimit limit = new ConnectionLimit(config.maxConnections(), connector);
      limit.setIdleTimeout(Math.min(ServeConfig.LIMITED_IDLE_TIMEOUT_MS, config.readTimeoutMs()));
      server.addBean(limit);
      return connector;
    });
  }
}
