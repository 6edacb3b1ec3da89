package dev.songmood.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No code of the job turns bytes into Java objects with {@code ObjectInputStream}: a file from storage (a model, a
 * checkpoint, a table) would otherwise be able to run code in every JVM that reads it. The one use allowed is
 * fine-tuning's {@code StateAverage}, whose bytes are the workers' averages Spark's {@code treeAggregate} hands from
 * executor to driver inside one job, never read from storage (Spark ships its tasks the same way).
 */
class NoJavaDeserialisationTest {
  private static final List<String> ALLOWED = List.of("dev/songmood/finetune/StateAverage.java");

  @Test
  void noSourceOfTheJobReadsJavaSerialisedObjects() throws Exception {
    Path root = Path.of(System.getProperty("songmood.project.dir", "."), "src/main/java");
    List<String> found;
    try (Stream<Path> files = Files.walk(root)) {
      found = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
        try {
          String text = Files.readString(p);
          return text.contains("ObjectInputStream") || text.contains("ObjectInput ")
              || text.contains("readUnshared");
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
    }
    assertEquals(ALLOWED, found, "sources that deserialise Java objects");
  }
}
