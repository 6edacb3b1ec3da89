package dev.songmood.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Publishing an output directory: replaced whole or not at all, and what a killed run left is cleaned up. */
class OutputPublisherTest extends SparkTestBase {
  private HadoopFiles files() {
    return new HadoopFiles(spark);
  }

  private List<String> siblings() throws Exception {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private void publishText(String runId, String text) {
    new OutputPublisher(files()).publish(tmp.resolve("report").toString(), runId,
        staging -> files().writeText(staging + "/report.md", text));
  }

  private String published() throws Exception {
    return Files.readString(tmp.resolve("report/report.md"));
  }

  @Test
  void aNewOutputReplacesTheOldWholeAndLeavesNoSiblings() throws Exception {
    publishText("run1", "first");
    publishText("run2", "second");
    assertEquals("second", published());
    assertEquals(List.of("report"), siblings());
    assertEquals("report.md\t6\n", Files.readString(tmp.resolve("report/" + PublishedMarker.NAME)),
        "the marker lists every file with its size");
    assertEquals(java.util.Optional.empty(), PublishedMarker.problem(files(), tmp.resolve("report").toString()));
  }

  @Test
  void onLocalDiskADirectoryWithoutMarkerIsWholeButOneMissingAListedFileIsNot() throws Exception {
    files().writeText(tmp.resolve("old/report.md").toString(), "written by an older songmood");
    assertEquals(java.util.Optional.empty(), PublishedMarker.problem(files(), tmp.resolve("old").toString()),
        "rename is atomic here: no marker means an older songmood, not a cut swap");
    publishText("run1", "first");
    files().writeText(tmp.resolve("report/extra.md").toString(), "more");
    PublishedMarker.write(files(), tmp.resolve("report").toString());
    Files.delete(tmp.resolve("report/extra.md"));
    assertTrue(PublishedMarker.problem(files(), tmp.resolve("report").toString()).orElseThrow()
        .startsWith("extra.md is missing"));
  }

  @Test
  void aFailedWriteLeavesThePreviousOutputAndTheNextRunRemovesItsStaging() throws Exception {
    publishText("run1", "first");
    assertThrows(IllegalStateException.class, () -> new OutputPublisher(files()).publish(
        tmp.resolve("report").toString(), "run2", staging -> {
          files().writeText(staging + "/report.md", "half");
          throw new IllegalStateException("killed mid-write");
        }));
    assertEquals("first", published());
    assertEquals(List.of("report", "report.publishing"), siblings());
    publishText("run3", "third");
    assertEquals("third", published());
    assertEquals(List.of("report"), siblings());
  }

  @Test
  void aRunKilledBetweenTheTwoRenamesGetsItsOutputPutBack() throws Exception {
    // What a kill right after "rename report -> report.publishing/previous-run2" leaves: no report, its old content
    // aside.
    files().writeText(tmp.resolve("report.publishing/previous-run2/report.md").toString(), "first");
    files().writeText(tmp.resolve("report.publishing/staging-run2/report.md").toString(), "second, complete");
    assertThrows(IllegalStateException.class, () -> new OutputPublisher(files()).publish(
        tmp.resolve("report").toString(), "run3", staging -> {
          throw new IllegalStateException("this run fails too");
        }));
    assertEquals("first", published(), "the output of the last complete swap is back");
    assertEquals(List.of("report"), siblings());
    assertTrue(Files.isRegularFile(tmp.resolve("report/report.md")));
  }

  /**
   * Neighbours the run does not own never stop it: a sibling whose name holds a ':' (which no Hadoop path parses)
   * and siblings that a glob of the target's name would match; glob characters in the target's own name are
   * plain characters.
   */
  @Test
  void theNamesOfTheNeighboursDoNotMatter() throws Exception {
    Files.createDirectories(tmp.resolve("report:2024-01-01"));
    Files.createDirectories(tmp.resolve("report.previous-old"));
    Files.writeString(tmp.resolve("a:b.txt"), "x");
    publishText("run1", "first");
    publishText("run2", "second");
    assertEquals("second", published());
    assertEquals(List.of("a:b.txt", "report", "report.previous-old", "report:2024-01-01"), siblings());

    String odd = tmp.resolve("out[1]{a,b}").toString();
    Files.createDirectories(tmp.resolve("out1a"));
    for (String run : List.of("run1", "run2")) {
      new OutputPublisher(files()).publish(odd, run, staging -> files().writeText(staging + "/r.md", run));
    }
    assertEquals("run2", Files.readString(Path.of(odd, "r.md")));
    assertTrue(Files.isDirectory(tmp.resolve("out1a")), "a glob of the name would have matched it");
  }
}
