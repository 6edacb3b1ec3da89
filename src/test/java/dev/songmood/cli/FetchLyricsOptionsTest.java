package dev.songmood.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
