package dev.songmood;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;

/**
 * A real S3-compatible server on loopback for the s3a:// tests: s3proxy (target/s3proxy/s3proxy.jar, copied there by
 * Maven) in its own JVM, with a file-system backend under a temporary directory and AWS signature checks against a
 * key pair made up per server. A bucket is a directory of the backend.
 *
 * <p>Where the environment names a running server ({@code SONGMOOD_S3_ENDPOINT}, {@code SONGMOOD_S3_DATA} and the
 * keys, as {@code s3-server.sh start} writes them to its env file and {@code .ci/run} exports them), the tests use that
 * one instead: {@link #start} empties its buckets and {@link #close} leaves it running.
 */
public final class S3Server implements AutoCloseable {
  private final Process process;  // null: a server started outside the tests
  private final String endpoint;
  private final Path data;
  private final String accessKey;
  private final String secretKey;

  private S3Server(Process process, String endpoint, Path data, String accessKey, String secretKey) {
    this.process = process;
    this.endpoint = endpoint;
    this.data = data;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  public static S3Server start(Path dir) throws IOException, InterruptedException {
    String running = System.getenv("SONGMOOD_S3_ENDPOINT");
    if (running != null && !running.isBlank()) {
      return attach(running);
    }
    Path jar = SparkTestBase.projectDir().resolve("target/s3proxy/s3proxy.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: run the tests through Maven (it copies s3proxy there)");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path data = Files.createDirectories(dir.resolve("s3-data"));
    String access = "AK" + UUID.randomUUID().toString().replace("-", "").substring(0, 18).toUpperCase();
    String secret = "secret-" + UUID.randomUUID();
    Path props = dir.resolve("s3proxy.properties");
    Files.write(props, List.of(
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + access,
        "s3proxy.credential=" + secret,
        "jclouds.provider=filesystem",
        "jclouds.filesystem.basedir=" + data));
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-jar", jar.toString(), "--properties", props.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
    long deadline = System.currentTimeMillis() + 60_000;
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        break;
      } catch (IOException notYet) {
        if (!p.isAlive() || System.currentTimeMillis() > deadline) {
          p.destroyForcibly();
          throw new IllegalStateException("s3proxy did not start: " + Files.readString(dir.resolve("s3proxy.log")));
        }
        Thread.sleep(100);
      }
    }
    return new S3Server(p, "http://127.0.0.1:" + port, data, access, secret);
  }

  /** The server the environment names, with its buckets emptied (tests run one at a time). */
  private static S3Server attach(String endpoint) throws IOException {
    Path data = Path.of(requiredEnv("SONGMOOD_S3_DATA"));
    try (var buckets = Files.list(data)) {
      for (Path b : buckets.toList()) {
        try (var paths = Files.walk(b)) {
          paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
    }
    return new S3Server(null, endpoint, data, requiredEnv("SONGMOOD_S3_ACCESS_KEY"),
        requiredEnv("SONGMOOD_S3_SECRET_KEY"));
  }

  private static String requiredEnv(String name) {
    String v = System.getenv(name);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException("SONGMOOD_S3_ENDPOINT is set but " + name + " is not: source the env file of "
          + "s3-server.sh start");
    }
    return v;
  }

  public String endpoint() {
    return endpoint;
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  /** Makes an empty bucket (S3A does not create buckets). */
  public void createBucket(String name) {
    try {
      Files.createDirectories(data.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Uploads a local file to {@code uri} through S3A with {@code conf} (as configured by {@link #configure}). */
  public void upload(Configuration conf, Path local, String uri) throws IOException {
    org.apache.hadoop.fs.Path dst = new org.apache.hadoop.fs.Path(uri);
    try (org.apache.hadoop.fs.FileSystem fs = dst.getFileSystem(conf)) {
      fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()), dst);
    }
  }

  /** Every object, as its path under {@link #data} ({@code bucket/key}), sorted. */
  public List<String> objects() throws IOException {
    try (java.util.stream.Stream<Path> files = Files.walk(data)) {
      return files.filter(Files::isRegularFile).map(f -> data.relativize(f).toString()).sorted().toList();
    }
  }

  /** The objects whose bytes contain {@code text}: for the secret key, none. */
  public List<String> objectsContaining(String text) throws IOException {
    List<String> found = new java.util.ArrayList<>();
    for (String o : objects()) {
      if (new String(Files.readAllBytes(data.resolve(o)), java.nio.charset.StandardCharsets.ISO_8859_1).contains(text)) {
        found.add(o);
      }
    }
    return found;
  }

  /** Where the server keeps its objects, to search them for what must not be there. */
  public Path data() {
    return data;
  }

  /**
   * The S3A settings a user passes to submit.sh (endpoint, path-style access, region) plus this server's keys; retries
   * and committers come from conf/spark-defaults.conf as in a real run.
   */
  public void configure(Configuration conf) {
    conf.set("fs.s3a.endpoint", endpoint());
    conf.set("fs.s3a.endpoint.region", "us-east-1");
    conf.set("fs.s3a.path.style.access", "true");
    conf.set("fs.s3a.connection.ssl.enabled", "false");
    conf.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    conf.set("fs.s3a.access.key", accessKey);
    conf.set("fs.s3a.secret.key", secretKey);
    conf.set("fs.s3a.impl.disable.cache", "true");  // each test's server has its own port
  }

  @Override
  public void close() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
