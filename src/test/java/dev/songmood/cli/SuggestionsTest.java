package dev.songmood.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** "Did you mean" by prefix and by edit distance, for options and commands; no option is taken by its prefix. */
class SuggestionsTest {
  private static final List<String> LABEL = List.of("input", "out", "model", "database", "lyrics-col", "lyrics-only",
      "full");

  @Test
  void suggestsByPrefixFirstThenByEditDistance() {
    assertEquals(List.of("out"), Suggestions.closest("output", LABEL), "a longer word that begins with a name");
    assertEquals(List.of("input"), Suggestions.closest("inputs", LABEL));
    assertEquals(List.of("database"), Suggestions.closest("datab", LABEL), "a prefix of one name");
    assertEquals(List.of("lyrics-col", "lyrics-only"), Suggestions.closest("lyrics", LABEL), "a prefix of two");
    assertEquals(List.of("input"), Suggestions.closest("inptu", LABEL), "two edits");
    assertEquals(List.of("model"), Suggestions.closest("modle", LABEL));
    assertEquals(List.of(), Suggestions.closest("zzzzzzzz", LABEL));
    assertEquals(List.of(), Suggestions.closest("i", LABEL), "one letter is not a prefix worth a guess");
    assertEquals("; did you mean --lyrics-col or --lyrics-only?", Suggestions.didYouMean("lyrics", LABEL, "--"));
  }

  private static String err(UsageRun run) {
    return run.err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theCommandLineSuggestsOptionsAndCommandsAndTakesNoPrefix() {
    UsageRun output = new UsageRun();
    assertEquals(2, output.run("label", "--input", "x.csv", "--output", "o"));
    assertTrue(err(output).contains("Unrecognized option: --output; did you mean --out?"), err(output));
    UsageRun inputs = new UsageRun();
    assertEquals(2, inputs.run("label", "--inputs", "x.csv", "--out", "o"));
    assertTrue(err(inputs).contains("did you mean --input?"), err(inputs));
    // partial matching is off: --datab is refused (with a suggestion), never silently taken as --database
    UsageRun datab = new UsageRun();
    assertEquals(2, datab.run("label", "--datab", "songmood", "--input", "x.csv", "--out", "o"));
    assertTrue(err(datab).contains("Unrecognized option: --datab; did you mean --database?"), err(datab));
    UsageRun lable = new UsageRun();
    assertEquals(2, lable.run("lable", "--input", "x.csv"));
    assertTrue(err(lable).contains("unknown command 'lable'; did you mean label?"), err(lable));
    UsageRun note = new UsageRun();
    assertEquals(2, note.run("note"));
    assertTrue(err(note).contains("did you mean notebook?"), err(note));
    UsageRun nothing = new UsageRun();
    assertEquals(2, nothing.run("qqqqqq"));
    assertTrue(err(nothing).contains("unknown command 'qqqqqq'") && !err(nothing).contains("did you mean"),
        err(nothing));
  }
}
