package dev.songmood.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fetch-lyrics' command line: help, and bad arguments refused with exit 2 before Spark starts. */
class FetchLyricsOptionsTest {
  @TempDir
  Path tmp;

  private final UsageRun cli = new UsageRun();
  private final ByteArrayOutputStream out = cli.out;
  private final ByteArrayOutputStream err = cli.err;

  private int run(String... args) {
    return cli.run(args);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpAndTheCommandList() {
    assertEquals(0, run("fetch-lyrics", "--help"));
    String help = out.toString(StandardCharsets.UTF_8);
    assertTrue(help.contains("--requests-per-second") && help.contains("--key-env") && help.contains("--endpoint"));
    assertTrue(help.contains("--allow-insecure-endpoint"), help);
    assertEquals(0, run("--help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("fetch-lyrics"));
  }

  @Test
  void badArgumentsExitTwoBeforeSpark() throws Exception {
    Path csv = Files.writeString(tmp.resolve("c.csv"), "id,artist,title\n1,A,B\n");
    String o = tmp.resolve("out").toString();
    assertEquals(2, run("fetch-lyrics", "--input", csv.toString(), "--out", o, "--provider", "musixmatch",
        "--key-env", "SONGMOOD_TEST_NO_SUCH_VARIABLE"));
    assertTrue(err().contains("SONGMOOD_TEST_NO_SUCH_VARIABLE") && err().contains("never on the command line"), err());
    assertEquals(2, run("fetch-lyrics", "--input", csv.toString(), "--out", o, "--key-env", "not a name!"));
    assertEquals(2, run("fetch-lyrics", "--input", csv.toString(), "--out", o, "--endpoint", "ftp://host/x"));
    assertEquals(2, run("fetch-lyrics", "--input", csv.toString(), "--out", o, "--provider", "genius"));
    assertEquals(2, run("fetch-lyrics", "--input", csv.toString(), "--out", o, "--requests-per-second", "0"));
    assertEquals(2, run("fetch-lyrics", "--input", tmp.resolve("missing.csv").toString(), "--out", o));
    Path noTitle = Files.writeString(tmp.resolve("n.csv"), "id,artist\n1,A\n");
    assertEquals(2, run("fetch-lyrics", "--input", noTitle.toString(), "--out", o));
    assertTrue(err().contains("no title column"), err());
    assertEquals(2, run("fetch-lyrics", "--input", csv.toString(), "--out", o, "--key", "abc"));
  }
  /** Runs the command line up to the point where it would start Spark; true if it got there. */
  private static boolean reachesSpark(String... args) {
    AtomicBoolean started = new AtomicBoolean();
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(sink, true, StandardCharsets.UTF_8);
    int code = Main.run(args, new ByteArrayInputStream(new byte[0]), print, print, () -> {
      started.set(true);
      throw new CommandFailure("stopped where Spark would start");
    });
    assertEquals(started.get() ? 1 : 2, code, sink.toString(StandardCharsets.UTF_8));
    return started.get();
  }

  @Test
  void aProviderThatSendsAKeyIsRefusedPlainHttpUnlessAllowed() throws Exception {
    String csv = Files.writeString(tmp.resolve("c.csv"), "id,artist,title\n1,A,B\n").toString();
    String o = tmp.resolve("out").toString();
    String noKey = "SONGMOOD_TEST_NO_SUCH_VARIABLE";
    List<String> musixmatch = List.of("fetch-lyrics", "--input", csv, "--out", o, "--provider", "musixmatch");

    // Refused before the key is read: exit 2, naming the option that would allow it.
    assertEquals(2, run(with(musixmatch, "--endpoint", "http://127.0.0.1:9/ws/1.1", "--key-env", noKey)));
    assertTrue(err().contains("--allow-insecure-endpoint") && err().contains("--endpoint is plain http://"), err());
    assertFalse(err().contains(noKey), "refused for the endpoint, before the key: " + err());
    err.reset();
    assertEquals(2, run(with(musixmatch, "--endpoint", "HTTP://api.example/ws", "--key-env", noKey)));
    assertFalse(err().contains(noKey), "HTTP:// is no way around it: " + err());

    // https, or the flag: past the endpoint, on to the key (unset here).
    for (List<String> passes : List.of(List.of("--endpoint", "https://127.0.0.1:9/ws/1.1"),
        List.of("--endpoint", "http://127.0.0.1:9/ws/1.1", "--allow-insecure-endpoint"))) {
      err.reset();
      List<String> args = new ArrayList<>(musixmatch);
      args.addAll(passes);
      assertEquals(2, run(with(args, "--key-env", noKey)));
      assertTrue(err().contains(noKey) && !err().contains("--allow-insecure-endpoint"), passes + ": " + err());
    }

    // With a key: http with the flag, https, and the keyless lrclib over http all go on to start Spark.
    String keyVar = System.getenv().entrySet().stream()
        .filter(e -> e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*") && !e.getValue().isBlank())
        .map(Map.Entry::getKey).findFirst().orElseThrow();
    assertTrue(reachesSpark(with(musixmatch, "--endpoint", "http://127.0.0.1:9/ws/1.1", "--allow-insecure-endpoint",
        "--key-env", keyVar)));
    assertTrue(reachesSpark(with(musixmatch, "--endpoint", "https://127.0.0.1:9/ws/1.1", "--key-env", keyVar)));
    assertFalse(reachesSpark(with(musixmatch, "--endpoint", "http://127.0.0.1:9/ws/1.1", "--key-env", keyVar)));
    assertTrue(reachesSpark("fetch-lyrics", "--input", csv, "--out", o, "--endpoint", "http://127.0.0.1:9"));
  }

  private static String[] with(List<String> args, String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }
}
