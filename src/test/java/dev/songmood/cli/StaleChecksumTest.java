package dev.songmood.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A catalog written through Hadoop (which leaves a {@code .crc} beside it) and edited afterwards: the run stops
 * with exit 2 naming the {@code .crc} to delete, never a stack trace; once it is deleted the catalog reads.
 */
@Tag("slow")
class StaleChecksumTest extends SparkTestBase {
  private static final String SONG = "{\"id\": \"s%d\", \"lyrics\": \"We dance all night under golden lights, hearts "
      + "alive and shining bright, jump and shout, the summer is ours tonight\"}\n";

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int label(Path catalog, String out) {
    err.reset();
    return Main.run(new String[] {"label", "--model", projectDir().resolve("models/default").toString(), "--input",
        catalog.toString(), "--out", tmp.resolve(out).toString()}, new ByteArrayInputStream(new byte[0]),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), () -> spark);
  }

  private Path writtenByHadoop() throws Exception {
    Path catalog = tmp.resolve("catalog.jsonl");
    try (OutputStream o = FileSystem.getLocal(new Configuration()).create(
        new org.apache.hadoop.fs.Path(catalog.toUri()))) {
      o.write(String.format(SONG, 1).getBytes(StandardCharsets.UTF_8));
    }
    assertTrue(Files.exists(tmp.resolve(".catalog.jsonl.crc")));
    return catalog;
  }

  @Test
  void anEditedFileStopsTheRunNamingItsCrc() throws Exception {
    Path catalog = writtenByHadoop();
    Files.writeString(catalog, String.format(SONG, 1) + String.format(SONG, 2));  // edited: the .crc is stale
    assertTrue(catalog.toFile().setLastModified(System.currentTimeMillis() + 5_000));
    assertEquals(2, label(catalog, "edited"), err.toString(StandardCharsets.UTF_8));
    String message = err.toString(StandardCharsets.UTF_8);
    assertTrue(message.contains("delete " + tmp.resolve(".catalog.jsonl.crc").toUri().getPath()), message);
    assertFalse(message.contains("\tat "), "no stack trace: " + message);
  }

  @Test
  void aCrcThatLooksFreshButDoesNotMatchIsExplainedToo() throws Exception {
    Path catalog = writtenByHadoop();
    Path crc = tmp.resolve(".catalog.jsonl.crc");
    Files.writeString(catalog, String.format(SONG, 3));  // same length, other bytes; the .crc made newer
    assertTrue(crc.toFile().setLastModified(System.currentTimeMillis() + 5_000));
    assertEquals(2, label(catalog, "forged"), err.toString(StandardCharsets.UTF_8));
    String message = err.toString(StandardCharsets.UTF_8);
    assertTrue(message.contains(".catalog.jsonl.crc"), message);
    assertFalse(message.contains("\tat "), "no stack trace: " + message);

    Files.delete(crc);
    assertEquals(0, label(catalog, "fixed"), err.toString(StandardCharsets.UTF_8));
  }
}
