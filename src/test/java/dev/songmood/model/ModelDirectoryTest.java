package dev.songmood.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a model directory is, in the one place the command line's preflight and {@link EmotionModel#load} ask. */
class ModelDirectoryTest {
  @TempDir
  Path tmp;

  @Test
  void aModelDirectoryExistsAndHoldsThePipelineAndTheProvenance() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    String missing = tmp.resolve("missing").toString();
    assertEquals("model directory does not exist: " + missing, assertThrows(IllegalArgumentException.class,
        () -> ModelDirectory.require(fs, missing)).getMessage());

    Path dir = Files.createDirectories(tmp.resolve("model"));
    Files.createDirectories(dir.resolve(EmotionModel.PIPELINE_DIR));
    String notYet = "not a model directory (expected pipeline/ and provenance.json): " + dir;
    assertEquals(notYet, assertThrows(IllegalArgumentException.class,
        () -> ModelDirectory.require(fs, dir.toString())).getMessage());

    Files.writeString(dir.resolve(EmotionModel.PROVENANCE_FILE), "{}");
    ModelDirectory.require(fs, dir.toString());
  }
}
