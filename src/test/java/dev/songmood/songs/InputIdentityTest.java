package dev.songmood.songs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.input.InputFormat;
import dev.songmood.input.ReadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files named by content while the hashing budget lasts, then by size and time; touching changes only the latter.
 * The files are those of the run's one listing: a file added after it is not named.
 */
class InputIdentityTest {
  @TempDir
  Path dir;

  private List<String> identity(Configuration conf, long budget) {
    return InputIdentity.of(conf, listing(conf), budget);
  }

  private CatalogFiles.Plan listing(Configuration conf) {
    return CatalogFiles.inspect(conf, List.of(dir.toString()), InputFormat.AUTO, ReadOptions.DETECT);
  }

  @Test
  void contentWithinTheBudgetAndTimeBeyondIt() throws Exception {
    Path a = Files.writeString(dir.resolve("a.jsonl"), "{\"id\": \"1\", \"lyrics\": \"first\"}\n");
    Path b = Files.writeString(dir.resolve("b.jsonl"), "{\"id\": \"2\", \"lyrics\": \"second, a little longer\"}\n");
    Configuration conf = new Configuration();
    long budget = Files.size(a);  // enough for a.jsonl (first in path order), not for b.jsonl
    List<String> before = identity(conf, budget);
    assertEquals(2, before.size(), before.toString());
    assertTrue(before.get(0).contains("a.jsonl " + Files.size(a) + " sha256 "), before.get(0));
    assertTrue(before.get(1).contains("b.jsonl " + Files.size(b) + " modified "), before.get(1));

    assertTrue(a.toFile().setLastModified(a.toFile().lastModified() + 10_000));
    assertEquals(before, identity(conf, budget), "same bytes, same identity");

    assertTrue(b.toFile().setLastModified(b.toFile().lastModified() + 10_000));
    List<String> touched = identity(conf, budget);
    assertEquals(before.get(0), touched.get(0));
    assertNotEquals(before.get(1), touched.get(1), "beyond the budget, a new time is a new file");

    Files.writeString(a, "{\"id\": \"1\", \"lyrics\": \"FIRST\"}\n");  // same size, other bytes
    assertNotEquals(touched.get(0), identity(conf, budget).get(0));
  }

  @Test
  void theFilesOfTheOneListingNotOfTheDirectoryNow() throws Exception {
    Files.writeString(dir.resolve("a.jsonl"), "{\"id\": \"1\", \"lyrics\": \"first\"}\n");
    Configuration conf = new Configuration();
    CatalogFiles.Plan listed = listing(conf);
    Files.writeString(dir.resolve("b.jsonl"), "{\"id\": \"2\", \"lyrics\": \"second\"}\n");
    List<String> named = InputIdentity.of(conf, listed, Long.MAX_VALUE);
    assertEquals(1, named.size(), named.toString());
    assertTrue(named.get(0).contains("a.jsonl "), named.get(0));
    assertEquals(List.of(dir.toString()), listed.input());
    assertEquals(listed.files(), listed.listing().stream().map(f -> f.getPath().toString()).toList());
    assertEquals(2, identity(conf, Long.MAX_VALUE).size(), "a new listing finds both");
  }
}
