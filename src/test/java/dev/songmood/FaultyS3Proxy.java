package dev.songmood;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fault-injecting HTTP/1.1 proxy on loopback in front of an S3 endpoint (an {@link S3Server}), for the tests of
 * transient server errors. It reads each request's header block from the client and either forwards the request
 * (header plus exactly Content-Length body bytes; the response is pumped back raw) or, as scheduled, answers it with a
 * fault <em>before</em> forwarding anything: the real server never sees a faulted request, so a client's retry of it
 * is always safe.
 *
 * <ul>
 *   <li>{@link Fault#THROTTLE}: {@code 503 Slow Down} with S3's XML error body, then the connection is closed.</li>
 *   <li>{@link Fault#DROP}: the connection is closed without any response; every second drop resets it (RST, via
 *       SO_LINGER 0) instead of closing it (FIN), so clients see both "no response" and "connection reset".</li>
 * </ul>
 *
 * <p>Requests are assumed not pipelined (HTTP clients, the AWS SDK's included, do not). A request with
 * {@code Transfer-Encoding: chunked} switches its connection to raw byte pumping, with no faults on it.
 */
public final class FaultyS3Proxy implements AutoCloseable {
  /** A fault injected instead of forwarding a request. */
  public enum Fault { THROTTLE, DROP }

  private static final byte[] SLOW_DOWN_BODY = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message>"
      + "<RequestId>FAULTY0PROXY</RequestId><HostId>faulty-s3-proxy</HostId></Error>")
      .getBytes(StandardCharsets.UTF_8);
  private static final int MAX_HEAD = 64 * 1024;

  private final ServerSocket server;
  private final InetSocketAddress backend;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final Map<String, AtomicLong> byMethod = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> faultedByMethod = new ConcurrentHashMap<>();

  // the schedule, guarded by this
  private final Deque<Fault> next = new ArrayDeque<>();
  private final List<Rule> rules = new ArrayList<>();
  private long dropSequence;

  /** Every k-th request of the methods (all if empty) fails, in turn throttled and dropped, while budgets last. */
  private static final class Rule {
    final int every;
    final Set<String> methods;
    int since;
    int throttlesLeft;
    int dropsLeft;
    Fault last = Fault.DROP;

    Rule(int every, int throttles, int drops, Set<String> methods) {
      this.every = every;
      this.throttlesLeft = throttles;
      this.dropsLeft = drops;
      this.methods = methods;
    }

    boolean live() {
      return throttlesLeft + dropsLeft > 0;
    }

    /** Counts a request; true when this rule is due to fault it. */
    boolean count(String method) {
      if (!live() || !(methods.isEmpty() || methods.contains(method))) {
        return false;
      }
      since = Math.min(since + 1, every);
      return since == every;
    }

    Fault fire() {
      since = 0;
      Fault want = last == Fault.THROTTLE ? Fault.DROP : Fault.THROTTLE;
      if (want == Fault.THROTTLE && throttlesLeft == 0) {
        want = Fault.DROP;
      } else if (want == Fault.DROP && dropsLeft == 0) {
        want = Fault.THROTTLE;
      }
      if (want == Fault.THROTTLE) {
        throttlesLeft--;
      } else {
        dropsLeft--;
      }
      last = want;
      return want;
    }
  }

  private FaultyS3Proxy(ServerSocket server, InetSocketAddress backend) {
    this.server = server;
    this.backend = backend;
  }

  /** A proxy on a free loopback port in front of {@code endpoint} (http://host:port). Forwards everything until told. */
  public static FaultyS3Proxy start(String endpoint) throws IOException {
    java.net.URI uri = java.net.URI.create(endpoint);
    ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    FaultyS3Proxy proxy = new FaultyS3Proxy(ss, new InetSocketAddress(uri.getHost(), uri.getPort()));
    Thread acceptor = new Thread(proxy::accept, "faulty-s3-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return proxy;
  }

  public static FaultyS3Proxy start(S3Server s3) throws IOException {
    return start(s3.endpoint());
  }

  /** The endpoint for fs.s3a.endpoint. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** The next requests fail, one fault each, in this order (before any periodic rule). */
  public synchronized void failNext(Fault... faults) {
    next.addAll(List.of(faults));
  }

  /** The next {@code throttles} requests are throttled, then the next {@code drops} dropped. */
  public synchronized void failNext(int throttles, int drops) {
    for (int i = 0; i < throttles; i++) {
      next.add(Fault.THROTTLE);
    }
    for (int i = 0; i < drops; i++) {
      next.add(Fault.DROP);
    }
  }

  /**
   * From now on every {@code k}-th request fails, throttled and dropped in turn (a throttle first), until
   * {@code throttles} throttles and {@code drops} drops have been injected by this rule. With {@code methods}, only
   * requests of these HTTP methods count and fail. Rules add up; when several are due, the earliest added faults the
   * request and the others stay due for their next request.
   */
  public synchronized void failEvery(int k, int throttles, int drops, String... methods) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1: " + k);
    }
    rules.add(new Rule(k, throttles, drops, Set.of(methods)));
  }

  /** No more faults: forgets what is scheduled. */
  public synchronized void heal() {
    next.clear();
    rules.clear();
  }

  /** Whether faults are still scheduled. */
  public synchronized boolean faultsPending() {
    return !next.isEmpty() || rules.stream().anyMatch(Rule::live);
  }

  public long requests() {
    return requests.get();
  }

  public long throttled() {
    return throttled.get();
  }

  public long dropped() {
    return dropped.get();
  }

  /** Requests seen by HTTP method (faulted ones included). */
  public Map<String, Long> requestsByMethod() {
    return snapshot(byMethod);
  }

  /** Faults injected by HTTP method of the request they replaced. */
  public Map<String, Long> faultsByMethod() {
    return snapshot(faultedByMethod);
  }

  private static Map<String, Long> snapshot(Map<String, AtomicLong> m) {
    Map<String, Long> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** The counters in one line, for test output. */
  public String counters() {
    return String.format(Locale.ROOT, "requests %d (%s), throttled %d, dropped %d (faults by method %s)", requests(),
        requestsByMethod(), throttled(), dropped(), faultsByMethod());
  }

  private synchronized Fault decide(String method) {
    Fault f = next.poll();
    Rule due = null;
    for (Rule r : rules) {
      if (r.count(method) && due == null) {
        due = r;
      }
    }
    if (f != null) {
      return f;
    }
    return due == null ? null : due.fire();
  }

  private synchronized boolean resetThisDrop() {
    return (dropSequence++ & 1) == 1;
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = server.accept();
        open.add(client);
        Thread t = new Thread(() -> serve(client), "faulty-s3-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!closed) {
          continue;
        }
      }
    }
  }

  /** One client connection: its requests in turn, each forwarded or faulted. */
  private void serve(Socket client) {
    Socket back = null;
    try {
      client.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(client.getInputStream());
      OutputStream out = client.getOutputStream();
      OutputStream backOut = null;
      while (true) {
        byte[] head = readHead(in);
        if (head == null) {
          return;  // the client closed between requests
        }
        Head h = Head.parse(head);
        if (h.chunked) {
          // not ours to parse: forward the rest of the connection as it is, no faults
          requests.incrementAndGet();
          count(byMethod, h.method);
          if (back == null) {
            back = connect(client);
            backOut = back.getOutputStream();
          }
          backOut.write(head);
          backOut.flush();
          in.transferTo(backOut);
          return;
        }
        Fault fault = decide(h.method);
        requests.incrementAndGet();
        count(byMethod, h.method);
        if (fault == Fault.THROTTLE) {
          throttled.incrementAndGet();
          count(faultedByMethod, h.method);
          if (!h.expectContinue) {
            skip(in, h.contentLength);  // read (and forget) the body the client sends anyway
          }
          out.write(slowDown());
          out.flush();
          return;
        }
        if (fault == Fault.DROP) {
          dropped.incrementAndGet();
          count(faultedByMethod, h.method);
          if (resetThisDrop()) {
            client.setSoLinger(true, 0);  // close() now sends RST: "connection reset"
          }
          return;
        }
        if (back == null) {
          back = connect(client);
          backOut = back.getOutputStream();
        }
        backOut.write(head);
        copy(in, backOut, h.contentLength);
        backOut.flush();
      }
    } catch (IOException e) {
      // either side went away: end this connection
    } finally {
      closeQuietly(client);
      closeQuietly(back);
    }
  }

  /** Opens the backend connection for a client connection and pumps its bytes back raw. */
  private Socket connect(Socket client) throws IOException {
    Socket back = new Socket();
    open.add(back);
    back.setTcpNoDelay(true);
    back.connect(backend, 10_000);
    Thread pump = new Thread(() -> {
      try {
        back.getInputStream().transferTo(client.getOutputStream());
      } catch (IOException e) {
        // either side went away
      } finally {
        closeQuietly(back);
        closeQuietly(client);
      }
    }, "faulty-s3-proxy-pump");
    pump.setDaemon(true);
    pump.start();
    return back;
  }

  private static byte[] slowDown() {
    String head = "HTTP/1.1 503 Slow Down\r\n"
        + "Content-Type: application/xml\r\n"
        + "Content-Length: " + SLOW_DOWN_BODY.length + "\r\n"
        + "x-amz-request-id: FAULTY0PROXY\r\n"
        + "Connection: close\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[h.length + SLOW_DOWN_BODY.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(SLOW_DOWN_BODY, 0, all, h.length, SLOW_DOWN_BODY.length);
    return all;
  }

  private static void count(Map<String, AtomicLong> m, String method) {
    m.computeIfAbsent(method, k -> new AtomicLong()).incrementAndGet();
  }

  /** The header block up to and including CRLFCRLF; null if the stream ends before its first byte. */
  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(1024);
    int state = 0;  // how much of CR LF CR LF has been seen
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (buf.size() == 0) {
          return null;
        }
        throw new EOFException("connection ended inside a request header");
      }
      buf.write(b);
      if (buf.size() > MAX_HEAD) {
        throw new IOException("request header too long");
      }
      if (b == '\r') {
        state = (state == 2) ? 3 : 1;
      } else if (b == '\n' && (state == 1 || state == 3)) {
        if (state == 3) {
          return buf.toByteArray();
        }
        state = 2;
      } else {
        state = 0;
      }
    }
  }

  private static void copy(InputStream in, OutputStream out, long n) throws IOException {
    byte[] b = new byte[64 * 1024];
    while (n > 0) {
      int r = in.read(b, 0, (int) Math.min(b.length, n));
      if (r < 0) {
        throw new EOFException("connection ended inside a request body");
      }
      out.write(b, 0, r);
      n -= r;
    }
  }

  private static void skip(InputStream in, long n) throws IOException {
    copy(in, OutputStream.nullOutputStream(), n);
  }

  private void closeQuietly(Closeable c) {
    if (c == null) {
      return;
    }
    if (c instanceof Socket s) {
      open.remove(s);
    }
    try {
      c.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(server);
    for (Socket s : open.toArray(new Socket[0])) {
      closeQuietly(s);
    }
  }

  /** What the proxy needs of a request's header block. */
  private record Head(String method, long contentLength, boolean chunked, boolean expectContinue) {
    static Head parse(byte[] head) throws IOException {
      String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
      String[] requestLine = lines[0].split(" ", 3);
      if (requestLine.length < 3) {
        throw new IOException("not an HTTP request line: " + lines[0]);
      }
      long length = 0;
      boolean chunked = false;
      boolean expect = false;
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon <= 0) {
          continue;
        }
        String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = lines[i].substring(colon + 1).trim();
        switch (name) {
          case "content-length" -> length = Long.parseLong(value);
          case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
          case "expect" -> expect = value.toLowerCase(Locale.ROOT).contains("100-continue");
          default -> { }
        }
      }
      return new Head(requestLine[0], length, chunked, expect);
    }
  }
}
