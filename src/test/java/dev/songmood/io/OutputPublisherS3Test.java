package dev.songmood.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.S3Server;
import dev.songmood.SparkTestBase;
import dev.songmood.model.EmotionModel;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * Publishing a directory on S3, where a rename is a copy: the marker tells a complete directory from one whose swap
 * was cut short, and the next publish puts the previous complete one back.
 */
@Tag("slow")
class OutputPublisherS3Test extends SparkTestBase {
  @Test
  void aSwapCutShortIsDetectedAndTheNextPublishPutsThePreviousOutputBack() throws Exception {
    try (S3Server s3 = S3Server.start(tmp)) {
      s3.configure(spark.sparkContext().hadoopConfiguration());
      s3.createBucket("out");
      HadoopFiles files = new HadoopFiles(spark);
      OutputPublisher publisher = new OutputPublisher(files);
      String report = "s3a://out/report";
      publisher.publish(report, "run1", staging -> {
        files.writeText(staging + "/report.md", "first");
        files.writeText(staging + "/tables/summary.csv", "a,b\n");
      });
      assertEquals(Optional.empty(), PublishedMarker.problem(files, report));
      assertEquals("first", files.readText(report + "/report.md"));

      // What a kill in the middle of run2's second rename leaves on S3: run1's output moved aside whole (marker
      // included), and only part of run2's copied into place, without a marker.
      files.writeText(report + ".publishing/staging-run2/report.md", "second, complete");
      files.rename(report, report + ".publishing/previous-run2");
      files.writeText(report + "/report.md", "second, half copied");
      String problem = PublishedMarker.problem(files, report).orElseThrow();
      assertTrue(problem.contains("no _PUBLISHED"), problem);

      assertThrows(IllegalStateException.class, () -> publisher.publish(report, "run3", staging -> {
        throw new IllegalStateException("run3 fails before its own swap");
      }));
      assertEquals(Optional.empty(), PublishedMarker.problem(files, report), "the previous output is back whole");
      assertEquals("first", files.readText(report + "/report.md"));
      assertEquals(List.of("report"), files.children("s3a://out/"), "no staging or previous left");

      // A listed file gone (a copy cut short after the marker was copied) is caught too.
      files.delete(report + "/tables/summary.csv");
      problem = PublishedMarker.problem(files, report).orElseThrow();
      assertTrue(problem.startsWith("tables/summary.csv is missing"), problem);
    }
  }

  @Test
  void theShippedModelCopiedToS3WithItsMarkerLoadsAndWithoutItIsRefused() throws Exception {
    String shipped = projectDir().resolve("models/default").toString();
    assertTrue(java.nio.file.Files.exists(projectDir().resolve("models/default/" + PublishedMarker.NAME)));
    assertEquals(Optional.empty(), PublishedMarker.problem(new HadoopFiles(spark), shipped),
        "models/default/_PUBLISHED lists what models/default holds");
    try (S3Server s3 = S3Server.start(tmp)) {
      s3.configure(spark.sparkContext().hadoopConfiguration());
      s3.createBucket("models");
      HadoopFiles files = new HadoopFiles(spark);
      java.nio.file.Path from = projectDir().resolve("models/default");
      try (var walk = java.nio.file.Files.walk(from)) {  // file by file, as `aws s3 sync` would copy it
        for (java.nio.file.Path f : walk.filter(java.nio.file.Files::isRegularFile).toList()) {
          files.write("s3a://models/default/" + from.relativize(f), java.nio.file.Files.readAllBytes(f));
        }
      }
      EmotionModel model = EmotionModel.load(spark, "s3a://models/default");
      assertEquals(EmotionModel.load(spark, shipped).version(), model.version());

      files.delete("s3a://models/default/" + PublishedMarker.NAME);
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
          () -> EmotionModel.load(spark, "s3a://models/default"));
      assertTrue(refused.getMessage().contains("is incomplete: it has no _PUBLISHED file"), refused.getMessage());
    }
  }
}
