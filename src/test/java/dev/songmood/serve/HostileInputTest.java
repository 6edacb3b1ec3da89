package dev.songmood.serve;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.songmood.SampleModel;
import dev.songmood.SparkTestBase;
import dev.songmood.model.EmotionModel;
import dev.songmood.model.SongAnswers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code serve} against what an attacker on the network sends (issue 26): real server on loopback, real clients
 * (raw sockets where a body must be chunked or left unfinished). Every socket is closed and every loop bounded.
 */
@Timeout(120)
class HostileInputTest extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HAPPY = "We dance all night under golden lights, hearts alive and shining bright, jump "
      + "and shout, the summer is ours tonight, singing loud through morning light";
  private static final int MIB = 1024 * 1024;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String modelDir;
  private EmotionModel model;

  @BeforeEach
  void loadModel() {
    modelDir = SampleModel.get().modelDir();
    model = EmotionModel.load(spark, modelDir);
  }

  private PredictionServer start(ServeConfig config) {
    return PredictionServer.start(spark, model, config);
  }

  private ServeConfig config(long maxBodyBytes) {
    return new ServeConfig(modelDir, "127.0.0.1", 0, maxBodyBytes, ServeConfig.MAX_BATCH);
  }

  private HttpResponse<String> post(int port, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/predict"))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String error(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body()).path("error").asText();
  }

  private static Socket connect(int port, int readTimeoutMs) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    s.setSoTimeout(readTimeoutMs);
    return s;
  }

  private static byte[] head(String framing) {
    return ("POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + framing + "\r\n\r\n")
        .getBytes(US_ASCII);
  }

  /** The status line and body of the response on {@code in} (the body up to its Content-Length or the end). */
  private static String[] response(InputStream in) throws IOException {
    String headers = readUntil(in, "\r\n\r\n");
    int length = -1;
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    byte[] body = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
    return new String[] {headers.lines().findFirst().orElse(""), new String(body, UTF_8)};
  }

  private static String readUntil(InputStream in, String end) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (!out.toString(US_ASCII).endsWith(end)) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      out.write(b);
    }
    return out.toString(US_ASCII);
  }

  @Test
  void chunkedBodyOverTheLimitGets413BeforeItIsSentWhole() throws Exception {
    long total = 64L * MIB;
    try (PredictionServer server = start(config(MIB)); Socket s = connect(server.port(), 20_000)) {
      OutputStream out = s.getOutputStream();
      out.write(head("Transfer-Encoding: chunked"));
      AtomicLong sent = new AtomicLong();
      AtomicBoolean finished = new AtomicBoolean();
      byte[] song = ("{\"id\":\"x\",\"lyrics\":\"" + HAPPY + "\"},").getBytes(UTF_8);
      byte[] chunk = new byte[64 * 1024];
      for (int i = 0; i < chunk.length; i++) {
        chunk[i] = song[i % song.length];
      }
      chunk[0] = '[';
      Thread writer = new Thread(() -> {
        try {
          byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(US_ASCII);
          while (sent.get() < total) {
            out.write(size);
            out.write(chunk);
            out.write("\r\n".getBytes(US_ASCII));
            sent.addAndGet(chunk.length);
            chunk[0] = '{';
          }
          out.write("0\r\n\r\n".getBytes(US_ASCII));
          finished.set(true);
        } catch (IOException e) {
          // the server closed the connection: what it should do
        }
      }, "chunked-writer");
      writer.setDaemon(true);
      long start = System.nanoTime();
      writer.start();
      String[] answer = response(s.getInputStream());
      long ms = (System.nanoTime() - start) / 1_000_000;
      long sentAtAnswer = sent.get();
      Thread.sleep(500);
      long sentLater = sent.get();
      System.out.printf("chunked: 413 after %d ms, %d bytes sent by then, %d half a second later, of %d%n", ms,
          sentAtAnswer, sentLater, total);
      assertTrue(answer[0].startsWith("HTTP/1.1 413"), answer[0] + " " + answer[1]);
      assertEquals("body_too_large", JSON.readTree(answer[1]).path("error").asText(), answer[1]);
      assertTrue(sentAtAnswer < 16L * MIB, "answered only after " + sentAtAnswer + " bytes were sent");
      assertFalse(finished.get(), "the client could send the whole body: the server read it");
      assertTrue(sentLater < 16L * MIB, "the server went on reading after answering: " + sentLater + " bytes");
      s.close();
      writer.join(5_000);
      assertEquals(200, get(server.port(), "/health").statusCode(), "still serving");
    }
  }

  @Test
  void slowClientsHoldingUnfinishedBodiesDoNotStarveHealth() throws Exception {
    int clients = 300;
    ServeConfig config = config(ServeConfig.MAX_BODY_BYTES).withConnections(ServeConfig.READ_TIMEOUT_MS,
        ServeConfig.MIN_BODY_BYTES_PER_SECOND, ServeConfig.MAX_CONNECTIONS, 8);
    List<Socket> sockets = new ArrayList<>();
    try (PredictionServer server = start(config)) {
      assertEquals(200, get(server.port(), "/health").statusCode());
      int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
      try {
        for (int i = 0; i < clients; i++) {
          Socket s = connect(server.port(), 5_000);
          sockets.add(s);
          s.getOutputStream().write(head("Content-Length: 100000"));
          s.getOutputStream().write("[{\"id\": \"slow\", \"lyr".getBytes(US_ASCII));
          s.getOutputStream().flush();
        }
        Thread.sleep(500);
        long start = System.nanoTime();
        HttpResponse<String> health = get(server.port(), "/health");
        long ms = (System.nanoTime() - start) / 1_000_000;
        int threadsDuring = ManagementFactory.getThreadMXBean().getThreadCount();
        System.out.printf("slow clients: %d held, /health in %d ms, JVM threads %d -> %d%n", clients, ms,
            threadsBefore, threadsDuring);
        assertEquals(200, health.statusCode());
        assertTrue(ms < 2_000, "/health took " + ms + " ms under " + clients + " slow clients");
        assertTrue(threadsDuring - threadsBefore < 150, "threads " + threadsBefore + " -> " + threadsDuring);
        // those over the limit were answered at once and let go: 503, unread
        String[] turnedAway = response(sockets.get(clients - 1).getInputStream());
        assertTrue(turnedAway[0].startsWith("HTTP/1.1 503"), turnedAway[0]);
        assertEquals("busy", JSON.readTree(turnedAway[1]).path("error").asText());
      } finally {
        for (Socket s : sockets) {
          s.close();
        }
      }
      assertEquals(200, post(server.port(), JSON.createObjectNode().put("id", "h").put("lyrics", HAPPY).toString())
          .statusCode(), "serving again once they are gone");
    }
  }

  @Test
  void aBodyThatStopsArrivingGets408AfterTheReadTimeout() throws Exception {
    ServeConfig config = config(ServeConfig.MAX_BODY_BYTES).withConnections(500, 0, ServeConfig.MAX_CONNECTIONS,
        ServeConfig.MAX_CONCURRENT);
    try (PredictionServer server = start(config); Socket s = connect(server.port(), 10_000)) {
      s.getOutputStream().write(head("Content-Length: 1000"));
      s.getOutputStream().write("{\"id\": \"stalled\"".getBytes(US_ASCII));
      long start = System.nanoTime();
      String[] answer = response(s.getInputStream());
      long ms = (System.nanoTime() - start) / 1_000_000;
      System.out.printf("stalled body: %s after %d ms%n", answer[0], ms);
      assertTrue(answer[0].startsWith("HTTP/1.1 408"), answer[0] + " " + answer[1]);
      assertTrue(ms < 5_000, "cut off after " + ms + " ms");
    }
  }

  @Test
  void aTrickledBodyGets408FromTheMinimumDataRate() throws Exception {
    ServeConfig config = config(ServeConfig.MAX_BODY_BYTES).withConnections(5_000, 1024, ServeConfig.MAX_CONNECTIONS,
        ServeConfig.MAX_CONCURRENT);
    try (PredictionServer server = start(config); Socket s = connect(server.port(), 200)) {
      OutputStream out = s.getOutputStream();
      out.write(head("Content-Length: 1000"));
      out.write('{');
      long start = System.nanoTime();
      String status = "";
      // a byte every 200 ms, far under 1 KiB/s but never idle for the 5 s read timeout
      for (int i = 0; i < 50 && status.isEmpty(); i++) {
        try {
          out.write(' ');
          s.setSoTimeout(200);
          status = response(s.getInputStream())[0];
        } catch (SocketTimeoutException e) {
          // nothing yet
        } catch (IOException e) {
          status = "closed: " + e;
        }
      }
      long ms = (System.nanoTime() - start) / 1_000_000;
      System.out.printf("trickled body: %s after %d ms%n", status, ms);
      assertTrue(status.startsWith("HTTP/1.1 408"), status);
      assertTrue(ms < 4_000, "cut off after " + ms + " ms");
    }
  }

  @Test
  void aSongWith70000ExtraKeysGets400Fast() throws Exception {
    ObjectNode song = JSON.createObjectNode().put("id", "keys").put("lyrics", HAPPY);
    for (int i = 0; i < 70_000; i++) {
      song.put("k" + i, i);
    }
    try (PredictionServer server = start(config(ServeConfig.MAX_BODY_BYTES))) {
      long start = System.nanoTime();
      HttpResponse<String> answer = post(server.port(), song.toString());
      long ms = (System.nanoTime() - start) / 1_000_000;
      System.out.printf("70,000 keys (%d bytes): %d in %d ms%n", song.toString().length(), answer.statusCode(), ms);
      assertEquals(400, answer.statusCode(), answer.body());
      assertEquals(RequestBody.JSON_LIMIT, error(answer));
      assertTrue(answer.body().contains("more than " + ServeConfig.MAX_SONG_FIELDS + " fields"), answer.body());
      assertTrue(ms < 1_500, ms + " ms");

      // the same keys spread over a batch, a few per song: the batch's columns are bounded too
      StringBuilder batch = new StringBuilder("[");
      for (int i = 0; i < 100; i++) {
        batch.append(i == 0 ? "" : ",").append(JSON.createObjectNode().put("id", "b" + i).put("lyrics", HAPPY)
            .put("a" + i, 1).put("b" + i, 2));
      }
      HttpResponse<String> spread = post(server.port(), batch.append("]").toString());
      assertEquals(400, spread.statusCode(), spread.body());
      assertTrue(spread.body().contains("distinct fields"), spread.body());
    }
  }

  @Test
  void aDeeplyNestedBodyGets400() throws Exception {
    try (PredictionServer server = start(config(ServeConfig.MAX_BODY_BYTES))) {
      HttpResponse<String> objects = post(server.port(),
          "[{\"id\": \"d\", \"lyrics\": " + "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000) + "}]");
      assertEquals(400, objects.statusCode(), objects.body());
      assertEquals(RequestBody.JSON_LIMIT, error(objects), objects.body());
      assertEquals(400, post(server.port(), "[".repeat(100_000) + "]".repeat(100_000)).statusCode());
      int depth = ServeConfig.MAX_JSON_DEPTH;
      HttpResponse<String> inSong = post(server.port(),
          "{\"id\": \"deep\", \"lyrics\": " + "[".repeat(depth) + "\"la\"" + "]".repeat(depth) + "}");
      assertEquals(400, inSong.statusCode(), inSong.body());
      assertTrue(inSong.body().contains("nesting depth"), inSong.body());
      HttpResponse<String> shallow = post(server.port(), "{\"id\": \"list\", \"lyrics\": [\"" + HAPPY + "\"]}");
      assertEquals(422, shallow.statusCode(), "a list of lines is the lyrics screen's to refuse: " + shallow.body());
    }
  }

  @Test
  void anOverLongStringOrNumberGets400() throws Exception {
    try (PredictionServer server = start(config(ServeConfig.MAX_BODY_BYTES))) {
      String lyrics = "la ".repeat(ServeConfig.MAX_STRING_CHARS / 3 + 1);
      HttpResponse<String> string = post(server.port(), JSON.createObjectNode().put("id", "long")
          .put("lyrics", lyrics).toString());
      assertEquals(400, string.statusCode(), string.body());
      assertEquals(RequestBody.JSON_LIMIT, error(string), string.body());
      assertTrue(string.body().contains("String length"), string.body());
      HttpResponse<String> number = post(server.port(), "{\"id\": " + "9".repeat(5_000) + ", \"lyrics\": \"la\"}");
      assertEquals(400, number.statusCode(), number.body());
      assertEquals(RequestBody.JSON_LIMIT, error(number), number.body());
      HttpResponse<String> name = post(server.port(), "{\"id\": \"n\", \"" + "k".repeat(10_000) + "\": 1}");
      assertEquals(400, name.statusCode(), name.body());
      assertTrue(name.body().contains("field name longer"), name.body());
    }
  }

  /**
   * No input makes today's pipeline throw an Error (the JSON bounds above took away the deep nesting that did),
   * so the model is replaced by one that overflows its stack, as a stage would.
   */
  @Test
  void anErrorInTheModelIsAnsweredWithAJson500() throws Exception {
    AtomicBoolean warmedUp = new AtomicBoolean();
    Function<List<String>, List<ObjectNode>> overflowing = lines -> {
      if (warmedUp.compareAndSet(false, true)) {
        return SongAnswers.predict(spark, model, lines);  // the server's warm-up song: the model is fine until then
      }
      throw new StackOverflowError();
    };
    try (PredictionServer server = PredictionServer.start(model, config(ServeConfig.MAX_BODY_BYTES), overflowing)) {
      HttpResponse<String> answer = post(server.port(), JSON.createObjectNode().put("id", "e").put("lyrics", HAPPY)
          .toString());
      assertEquals(500, answer.statusCode(), answer.body());
      JsonNode body = JSON.readTree(answer.body());
      assertEquals("internal_error", body.path("error").asText(), answer.body());
      assertEquals("java.lang.StackOverflowError", body.path("detail").asText(), answer.body());
      assertEquals(200, get(server.port(), "/health").statusCode(), "still serving");
    }
  }

  @Test
  void aLoneSurrogateInLyricsIsNever500() throws Exception {
    try (PredictionServer server = start(config(ServeConfig.MAX_BODY_BYTES))) {
      HttpResponse<String> answer = post(server.port(),
          "{\"id\": \"surrogate\", \"lyrics\": \"" + HAPPY + " \\ud800 " + HAPPY + "\"}");
      assertTrue(answer.statusCode() == 200 || answer.statusCode() == 422,
          answer.statusCode() + " " + answer.body());
    }
  }

  @Test
  void modelShowsVersionAndMetricsButNoPaths() throws Exception {
    try (PredictionServer server = start(config(ServeConfig.MAX_BODY_BYTES))) {
      HttpResponse<String> answer = get(server.port(), "/model");
      assertEquals(200, answer.statusCode());
      JsonNode body = JSON.readTree(answer.body());
      assertEquals(model.version(), body.path("model_version").asText(), answer.body());
      assertTrue(body.path("languages").isArray() && body.path("languages").size() > 0, answer.body());
      assertTrue(body.path("provenance").path("held_out").path("macro_f1").isNumber(), answer.body());
      JsonNode inputs = JSON.valueToTree(model.provenance().get("inputs"));
      assertFalse(inputs.isEmpty(), "the fixture's provenance names its inputs");
      for (JsonNode input : inputs) {
        assertFalse(answer.body().contains(input.asText()), "shows input " + input + ": " + answer.body());
      }
      assertFalse(answer.body().contains("sample-data"), answer.body());
      assertFalse(answer.body().contains(modelDir), answer.body());
      assertFalse(answer.body().contains("versions"), "library versions are not the caller's: " + answer.body());
    }
  }
}
