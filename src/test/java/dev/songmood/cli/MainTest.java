package dev.songmood.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors are found before Spark starts: the session supplier here fails if it is ever called. */
class MainTest {
  @TempDir
  Path tmp;

  private final UsageRun cli = new UsageRun();
  private final ByteArrayOutputStream out = cli.out;
  private final ByteArrayOutputStream err = cli.err;

  private int run(String... args) {
    return cli.run(args);
  }

  private String err() { return err.toString(StandardCharsets.UTF_8); }

  @Test
  void helpListsEveryCommandAndEachCommandHasHelp() {
    assertEquals(0, run("--help"));
    String listing = out.toString(StandardCharsets.UTF_8);
    for (String c : new String[] {"prepare", "train", "evaluate", "label", "predict", "demo", "notebook",
        "profile", "playlist"}) {
      assertTrue(listing.contains(c), listing);
      out.reset();
      assertEquals(0, run(c, "--help"));
      assertTrue(out.toString(StandardCharsets.UTF_8).contains("songmood " + c), c);
    }
  }

  @Test
  void badArgumentsExitWithTwoAndSayWhy() {
    assertEquals(2, run());
    assertEquals(2, run("lable"));
    assertTrue(err().contains("unknown command 'lable'"), err());
    err.reset();
    assertEquals(2, run("train", "--out", "x"));
    assertTrue(err().contains("--input is required"), err());
    err.reset();
    assertEquals(2, run("train", "--input", "x.csv", "--out", "x", "--folds", "many"));
    assertTrue(err().contains("--folds must be an integer, got 'many'"), err());
    err.reset();
    assertEquals(2, run("train", "--input", "x.csv", "--out", "x", "--folds", "1"));
    assertTrue(err().contains("--folds must be 0"), err());
    err.reset();
    assertEquals(2, run("train", "--input", "x.csv", "--out", "x", "--cleaning", "medium"));
    assertTrue(err().contains("unknown cleaning profile 'medium'"), err());
    err.reset();
    assertEquals(2, run("label", "--model", "m", "--input", "x", "--out", "o", "--bogus"));
    assertTrue(err().contains("Unrecognized option: --bogus"), err());
    err.reset();
    assertEquals(2, run("train", "--input", "x.csv", "--out", "x", "--format", "xml"));
    assertTrue(err().contains("unknown input format 'xml'"), err());
    err.reset();
    assertEquals(2, run("train", "--input", "x.csv", "--out", "x", "--catalog-priors", "artist,mood"));
    assertTrue(err().contains("unknown catalog prior 'mood'"), err());
    err.reset();
    assertEquals(2, run("train", "--input", "x.csv", "--out", "x", "--catalog-priors", "artist",
        "--prior-weights", "-1"));
    assertTrue(err().contains("catalog prior weights must be >= 0"), err());
  }

  @Test
  void aMisspeltOptionGetsADidYouMeanAndOneLineNotTheWholeHelp() {
    assertEquals(2, run("label", "--inptu", "x.csv", "--out", "o"));
    List<String> lines = err().lines().toList();
    assertEquals(2, lines.size(), err());
    assertTrue(lines.get(0).contains("Unrecognized option: --inptu") && lines.get(0).endsWith("did you mean --input?"),
        err());
    assertTrue(lines.get(1).contains("songmood label --help"), err());
    err.reset();
    assertEquals(2, run("label", "--input", "x.csv", "--out", "o", "--zzzzzzzz"));
    assertTrue(!err().contains("did you mean") && err().contains("--help"), "nothing close: " + err());
  }

  @Test
  void wrongPathsAndColumnsFailBeforeSparkStarts() throws Exception {
    Path noLyrics = Files.writeString(tmp.resolve("no-lyrics.csv"), "song_id;artist;title\n1;a;b\n");
    Path model = Path.of(System.getProperty("songmood.project.dir", "."), "models", "default");
    assertEquals(2, run("label", "--model", model.toString(), "--input", tmp.resolve("nope.csv").toString(),
        "--out", tmp.resolve("o").toString()));
    assertTrue(err().contains("input path does not exist"), err());
    err.reset();
    assertEquals(2, run("label", "--model", model.toString(), "--input", noLyrics.toString(), "--out",
        tmp.resolve("o").toString()));
    assertTrue(err().contains("no lyrics column") && err().contains("[song_id, artist, title]"), err());
    err.reset();
    assertEquals(2, run("label", "--model", tmp.toString(), "--input", noLyrics.toString(), "--out",
        tmp.resolve("o").toString()));
    assertTrue(err().contains("not a model directory"), err());
    err.reset();
    assertEquals(2, run("train", "--input", noLyrics.toString(), "--out", tmp.resolve("t").toString()));
    assertTrue(err().contains("no lyrics column"), err());
  }

  @Test
  void missingInputAndBadModelStopBeforeWork() throws Exception {
    SparkSession spark = dev.songmood.SparkTestBaseAccess.session();
    Path notAModel = Files.createDirectories(tmp.resolve("empty"));
    Path catalog = Files.writeString(tmp.resolve("c.csv"), "id,lyrics\n1,words\n");
    int code = Main.run(new String[] {"label", "--model", notAModel.toString(), "--input", catalog.toString(),
        "--out", tmp.resolve("o").toString()}, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true), new PrintStream(err, true), () -> spark);
    assertEquals(2, code);
    assertTrue(err().contains("not a model directory"), err());
    assertTrue(Files.notExists(tmp.resolve("o")), "nothing written");
    err.reset();
    code = Main.run(new String[] {"prepare", "--input", tmp.resolve("missing.csv").toString(), "--out",
        tmp.resolve("o").toString()}, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true),
        new PrintStream(err, true), () -> spark);
    assertEquals(2, code);
    assertTrue(err().contains("input path does not exist"), err());
    assertTrue(Files.notExists(tmp.resolve("o")), "nothing written");
    err.reset();
    code = Main.run(new String[] {"label", "--input", tmp.resolve("missing.jsonl").toString(), "--out",
        tmp.resolve("o").toString()}, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true),
        new PrintStream(err, true), () -> spark);
    assertEquals(2, code);
    assertTrue(err().contains("input path does not exist"), err());
    assertTrue(Files.notExists(tmp.resolve("o")), "no table, no runs row");
  }
}
