package dev.songmood.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import dev.songmood.io.HadoopFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The load snapshot gives the pipeline Spark ML's reader gives, with no Spark job, and is ignored whenever it does
 * not match its directory.
 */
class PipelineSnapshotTest extends SparkTestBase {

  private List<Row> labelled(PipelineModel pipeline) {
    EmotionModel model = new EmotionModel((dev.songmood.stages.QuadrantDeriverModel) pipeline.stages()[0],
        (PipelineModel) pipeline.stages()[1], (PipelineModel) pipeline.stages()[2],
        new Provenance(java.util.Map.of("model_version", "v")));
    Dataset<Row> catalog = spark.read().json("sample-data/catalog.jsonl");
    return model.classify(model.screenLyrics(catalog)).orderBy("id").select("id", "probability", "prediction")
        .collectAsList();
  }

  private Path copyOfShippedModel() throws Exception {
    Path dir = tmp.resolve("model");
    try (Stream<Path> files = Files.walk(Path.of("models/default"))) {
      for (Path f : files.toList()) {
        Path target = dir.resolve(Path.of("models/default").relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
    return dir;
  }

  @Test
  void theShippedModelLoadsFromItsSnapshotWithoutASparkJobAndLabelsTheSame() throws Exception {
    HadoopFiles files = new HadoopFiles(spark);
    String dir = Path.of("models/default").toAbsolutePath().toString();
    assertTrue(Files.exists(Path.of(dir, PipelineSnapshot.FILE)), "models/default ships its snapshot");
    int[] jobs = {0};
    spark.sparkContext().addSparkListener(new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
        jobs[0]++;
      }
    });
    Optional<PipelineModel> snapshot = PipelineSnapshot.read(files, dir, dir + "/pipeline");
    spark.sparkContext().listenerBus().waitUntilEmpty();
    assertTrue(snapshot.isPresent(), "the snapshot matches the shipped directory");
    assertEquals(0, jobs[0], "reading the snapshot runs no Spark job");
    assertEquals(labelled(PipelineModel.load(dir + "/pipeline")), labelled(snapshot.get()));
  }

  @Test
  void aChangedDirectoryOrADamagedSnapshotIsIgnored() throws Exception {
    HadoopFiles files = new HadoopFiles(spark);
    Path dir = copyOfShippedModel();
    Files.delete(dir.resolve("_PUBLISHED"));  // this test edits the files the marker pins (io.PublishedMarker)
    String pipeline = dir.resolve("pipeline").toString();
    assertTrue(PipelineSnapshot.read(files, dir.toString(), pipeline).isPresent());

    Path metadata;
    try (Stream<Path> all = Files.walk(dir.resolve("pipeline"))) {
      metadata = all.filter(p -> p.toString().endsWith("metadata/part-00000")).findFirst().orElseThrow();
    }
    Files.writeString(metadata, Files.readString(metadata) + " ");
    assertFalse(PipelineSnapshot.read(files, dir.toString(), pipeline).isPresent(),
        "a file of the directory changed length: the snapshot is stale");

    PipelineSnapshot.write(files, dir.toString(), pipeline, PipelineModel.load(pipeline));
    assertTrue(PipelineSnapshot.read(files, dir.toString(), pipeline).isPresent(), "rewritten, it matches again");

    Path snapshot = dir.resolve(PipelineSnapshot.FILE);
    byte[] bytes = Files.readAllBytes(snapshot);
    Files.write(snapshot, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertFalse(PipelineSnapshot.read(files, dir.toString(), pipeline).isPresent(), "a truncated snapshot");
    assertEquals(labelled(PipelineModel.load(pipeline)),
        labelled(EmotionModel.load(spark, dir.toString()).pipeline()), "the model still loads, the Spark way");
  }

  /**
   * A model saved after it has labelled (as train saves the model it has just scored) snapshots no broadcast of its
   * JVM: a live CountVectorizerModel holds one of its vocabulary, and another JVM reading it fails with "Failed to
   * get broadcast_N_piece0" (seen when a trained model was first compared in a new JVM). The snapshot's copy must
   * hold none, and label the same.
   */
  @Test
  void aModelSavedAfterLabellingSnapshotsNoBroadcastOfItsJvm() throws Exception {
    EmotionModel live = EmotionModel.load(spark, copyOfShippedModel().toString());
    List<Row> before = labelled(live.pipeline());  // the stages run: their broadcasts exist now
    assertTrue(vocabularyBroadcasts(live.pipeline()) > 0, "the live model holds a vocabulary broadcast");
    String saved = tmp.resolve("saved").toString();
    live.save(spark, saved);
    Optional<PipelineModel> snapshot = PipelineSnapshot.read(new HadoopFiles(spark), saved, saved + "/pipeline");
    assertTrue(snapshot.isPresent());
    assertEquals(0, vocabularyBroadcasts(snapshot.get()), "a broadcast of this JVM in the snapshot");
    assertEquals(before, labelled(snapshot.get()));
  }

  /** CountVectorizerModel's vocabulary broadcasts the pipeline holds (Spark keeps one once a stage has run). */
  private static int vocabularyBroadcasts(PipelineModel pipeline) throws Exception {
    int found = 0;
    for (org.apache.spark.ml.Transformer stage : pipeline.stages()) {
      if (stage instanceof PipelineModel inner) {
        found += vocabularyBroadcasts(inner);
      } else if (stage instanceof org.apache.spark.ml.feature.CountVectorizerModel c) {
        for (java.lang.reflect.Field f : c.getClass().getDeclaredFields()) {
          if (f.getName().contains("broadcastDict")) {
            f.setAccessible(true);
            found += f.get(c) instanceof scala.Some<?> ? 1 : 0;
          }
        }
      }
    }
    return found;
  }
}
