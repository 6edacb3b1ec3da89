package dev.songmood.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code --cascade} and {@code --add-cascade} are checked before Spark starts (UsageRun fails if it starts). */
class CascadeOptionTest {
  private final UsageRun cli = new UsageRun();

  private String err() {
    String text = cli.err.toString(StandardCharsets.UTF_8);
    cli.err.reset();
    return text;
  }

  @Test
  void aCascadeValueOtherThanOnOrOffIsRefused() {
    assertEquals(2, cli.run("label", "--input", "songs.csv", "--out", "o", "--cascade", "maybe"));
    assertTrue(err().contains("--cascade must be on or off, got maybe"));
    assertEquals(2, cli.run("predict", "--lyrics", "la la", "--cascade", "0"));
    assertTrue(err().contains("--cascade must be on or off, got 0"));
    assertEquals(2, cli.run("serve", "--cascade", "yes"));
    assertTrue(err().contains("--cascade must be on or off, got yes"));
    assertEquals(2, cli.run("evaluate", "--input", "songs.csv", "--out", "o", "--cascade", "auto"));
    assertTrue(err().contains("--cascade must be on or off, got auto"));
  }

  @Test
  void addCascadeRefusesWhatWouldChangeTheModelItMeasures() {
    assertEquals(2, cli.run("evaluate", "--input", "songs.csv", "--out", "o", "--add-cascade", "--cascade", "off"));
    assertTrue(err().contains("--add-cascade adds a cascade to the model as it labels"));
    assertEquals(2, cli.run("evaluate", "--input", "songs.csv", "--out", "o", "--add-cascade", "--lyrics-only"));
    assertTrue(err().contains("leave out --lyrics-only"));
  }
}
