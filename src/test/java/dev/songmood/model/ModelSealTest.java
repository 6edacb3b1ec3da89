package dev.songmood.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import dev.songmood.cli.Main;
import dev.songmood.io.HadoopFiles;
import dev.songmood.io.PublishedMarker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A model is read only as it was published: the shipped model is sealed and loads (as Spark ML's reader loads it,
 * with no Spark job); a file changed in place with its size kept, or a file added, stops the load naming it (exit 2);
 * a model without hashes loads with a warning and can be sealed; no Java object is ever deserialised from it.
 */
@Tag("slow")
class ModelSealTest extends SparkTestBase {
  private static final String SONG = "I walk the empty morning road, the sun is on my face, I sing because the day "
      + "is mine and every window opens wide";

  /** Set if a crafted snapshot is ever deserialised. */
  static volatile boolean deserialised;

  /** What an attacker would plant: an object whose deserialisation runs code. */
  static final class Tripwire implements Serializable {
    private static final long serialVersionUID = 1L;

    private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
      in.defaultReadObject();
      deserialised = true;
    }
  }

  private Path copyOfShippedModel() throws Exception {
    Path source = projectDir().resolve("models/default");
    Path dir = tmp.resolve("model");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path f : files.toList()) {
        Path target = dir.resolve(source.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
    return dir;
  }

  private static Path first(Path dir, String suffix) throws Exception {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(p -> p.toString().endsWith(suffix)).sorted().findFirst().orElseThrow();
    }
  }

  private static Path firstMatching(Path dir, String regex) throws Exception {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(p -> p.toString().matches(regex)).sorted().findFirst().orElseThrow();
    }
  }

  /** Flips one bit of the byte at {@code at} (from the end when negative): same size, other content. */
  private static void flip(Path file, int at) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    int i = at >= 0 ? at : bytes.length + at;
    bytes[i] ^= 0x01;
    Files.write(file, bytes);
  }

  private static void plantSnapshot(Path dir) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeUTF("any fingerprint");
      out.writeObject(new Tripwire());
    }
    Files.write(dir.resolve(ModelSeal.OLD_SNAPSHOT), bytes.toByteArray());
  }

  private int predict(Path model, ByteArrayOutputStream err) {
    return Main.run(new String[] {"predict", "--model", model.toString(), "--lyrics", SONG},
        new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream(), true),
        new PrintStream(err, true, StandardCharsets.UTF_8), () -> spark);
  }

  private List<Row> labelled(PipelineModel pipeline) {
    EmotionModel model = new EmotionModel((dev.songmood.stages.QuadrantDeriverModel) pipeline.stages()[0],
        (PipelineModel) pipeline.stages()[1], (PipelineModel) pipeline.stages()[2],
        new Provenance(java.util.Map.of("model_version", "v")));
    Dataset<Row> catalog = spark.read().json(projectDir().resolve("sample-data/catalog.jsonl").toString());
    return model.classify(model.screenLyrics(catalog)).orderBy("id").select("id", "probability", "prediction")
        .collectAsList();
  }

  private static List<String> described(PipelineModel pipeline, List<String> into) {
    for (Transformer stage : pipeline.stages()) {
      into.add(stage.getClass().getName() + " " + stage.uid());
      if (stage instanceof PipelineModel inner) {
        described(inner, into);
      } else {
        for (org.apache.spark.ml.param.ParamPair<?> pair : stage.extractParamMap().toList()) {
          @SuppressWarnings("unchecked")
          org.apache.spark.ml.param.Param<Object> param = (org.apache.spark.ml.param.Param<Object>) pair.param();
          into.add(param.name() + "=" + param.jsonEncode(pair.value()));
        }
      }
    }
    return into;
  }

  private int jobs(Runnable work) throws Exception {
    int[] jobs = {0};
    org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
        jobs[0]++;
      }
    };
    spark.sparkContext().addSparkListener(listener);
    spark.sparkContext().listenerBus().waitUntilEmpty();
    jobs[0] = 0;
    work.run();
    spark.sparkContext().listenerBus().waitUntilEmpty();
    spark.sparkContext().removeSparkListener(listener);
    return jobs[0];
  }

  @Test
  void theShippedModelIsSealedAndReadsAsSparkMlReadsIt() throws Exception {
    HadoopFiles files = new HadoopFiles(spark);
    String dir = projectDir().resolve("models/default").toAbsolutePath().toString();
    assertTrue(PublishedMarker.isSealed(files, dir), "models/default is sealed");
    assertFalse(Files.exists(Path.of(dir, ModelSeal.OLD_SNAPSHOT)), "models/default ships no Java snapshot");
    PipelineModel[] ours = new PipelineModel[1];
    PipelineModel[] theirs = new PipelineModel[1];
    long start = System.nanoTime();
    int ourJobs = jobs(() -> ours[0] = PipelineReader.load(files, dir + "/pipeline"));
    long middle = System.nanoTime();
    int sparkJobs = jobs(() -> theirs[0] = PipelineModel.load(dir + "/pipeline"));
    System.out.printf("reading the shipped model: %d Spark jobs, %.1f s (Spark ML's reader: %d jobs, %.1f s)%n",
        ourJobs, (middle - start) / 1e9, sparkJobs, (System.nanoTime() - middle) / 1e9);
    assertEquals(described(theirs[0], new ArrayList<>()), described(ours[0], new ArrayList<>()));
    assertEquals(labelled(theirs[0]), labelled(ours[0]));
    assertEquals(0, ourJobs, "Spark jobs to read the shipped model (Spark ML's reader: " + sparkJobs + ")");
  }

  @Test
  void aFileChangedInPlaceWithItsSizeKeptIsRefusedNamingIt() throws Exception {
    Path dir = copyOfShippedModel();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(0, predict(dir, err), err.toString(StandardCharsets.UTF_8));

    Path metadata = first(dir.resolve("pipeline/stages"), "metadata/part-00000");
    long size = Files.size(metadata);
    flip(metadata, 20);
    assertEquals(size, Files.size(metadata));
    err.reset();
    assertEquals(2, predict(dir, err));
    String message = err.toString(StandardCharsets.UTF_8);
    assertTrue(message.contains(dir.relativize(metadata).toString() + " changed after publication"), message);
    assertTrue(message.contains("seal-model --model"), message);

    flip(metadata, 20);  // back as it was; now a byte of a stage's data
    Path data = first(dir.resolve("pipeline/stages"), ".parquet");
    flip(data, -100);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EmotionModel.load(spark, dir.toString()));
    assertTrue(e.getMessage().contains(dir.relativize(data).toString() + " changed after publication"),
        e.getMessage());
  }

  @Test
  void aPlantedSnapshotIsRefusedInASealedModelAndNeverReadInAnUnsealedOne() throws Exception {
    deserialised = false;
    Path dir = copyOfShippedModel();
    plantSnapshot(dir);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EmotionModel.load(spark, dir.toString()));
    assertTrue(e.getMessage().contains(ModelSeal.OLD_SNAPSHOT + " was added after publication"), e.getMessage());

    Files.delete(dir.resolve(PublishedMarker.NAME));  // an older songmood's model: no hashes, a snapshot beside it
    EmotionModel unsealed = EmotionModel.load(spark, dir.toString());
    assertFalse(deserialised, "the planted snapshot was deserialised");
    assertEquals(labelled(PipelineModel.load(dir.resolve("pipeline").toString())), labelled(unsealed.pipeline()));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(0, Main.run(new String[] {"seal-model", "--model", dir.toString()},
        new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream()), () -> spark));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("sealed " + dir), out.toString(StandardCharsets.UTF_8));
    assertFalse(Files.exists(dir.resolve(ModelSeal.OLD_SNAPSHOT)), "sealing removes the old snapshot");
    assertTrue(PublishedMarker.isSealed(new HadoopFiles(spark), dir.toString()));
    assertFalse(deserialised);
  }

  @Test
  void aStageNamingAClassOutsideSparkMlAndSongmoodIsRefusedBeforeItIsLoaded() throws Exception {
    Path dir = copyOfShippedModel();
    Files.delete(dir.resolve(PublishedMarker.NAME));
    Path metadata = firstMatching(dir.resolve("pipeline/stages"), ".*/\\d+_lyricsCleaner_[0-9a-f]+/metadata/part-00000");
    Files.writeString(metadata, Files.readString(metadata).replace("dev.songmood.stages.LyricsCleaner",
        "java.io.FileOutputStream"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EmotionModel.load(spark, dir.toString()));
    assertTrue(e.getMessage().contains("java.io.FileOutputStream, not a stage of Spark ML or songmood"),
        e.getMessage());
  }
}
