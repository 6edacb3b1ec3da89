package dev.songmood.label;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.songmood.S3Server;
import dev.songmood.SampleModel;
import dev.songmood.SparkTestBase;
import dev.songmood.input.InputSpec;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code label} with its catalog and its tables on s3a://, against a real S3 server on loopback (s3proxy): the same
 * predictions as on local disk, incremental there too, and the secret key nowhere in what it wrote.
 */
@Tag("slow")
class LabelS3Test extends SparkTestBase {
  private static final String[] SAME = {"id", "quadrant", "prob_q1", "prob_q2", "prob_q3", "prob_q4", "model_version",
      "lyrics_sha256"};

  /** The rows of a predictions table that two runs of the same model on the same catalog must agree on. */
  static List<Row> predictions(SparkSession spark, String table) {
    return spark.read().format("delta").load(table).select(SAME[0], java.util.Arrays.copyOfRange(SAME, 1, SAME.length))
        .orderBy("id").collectAsList();
  }

  @Test
  void labelsFromAndToS3AsOnLocalDiskAndNightTwoChangesNothing() throws Exception {
    try (S3Server s3 = S3Server.start(tmp)) {
      s3.configure(spark.sparkContext().hadoopConfiguration());
      s3.createBucket("catalogs");
      Path local = projectDir().resolve("sample-data/catalog.jsonl");
      String remote = "s3a://catalogs/in/catalog.jsonl";
      s3.upload(spark.sparkContext().hadoopConfiguration(), local, remote);

      String model = SampleModel.get().modelDir();
      LabelResult onDisk = LabelJob.run(spark, new LabelConfig(model, InputSpec.of(local.toString()),
          tmp.resolve("local").toString()));
      LabelResult onS3 = LabelJob.run(spark, new LabelConfig(model, InputSpec.of(remote), "s3a://catalogs/nightly"));
      assertEquals(onDisk.counts(), onS3.counts());
      assertEquals(predictions(spark, onDisk.predictionsDir()), predictions(spark, onS3.predictionsDir()), "the same labels");
      assertEquals(spark.read().format("delta").load(onDisk.quarantineDir()).count(),
          spark.read().format("delta").load(onS3.quarantineDir()).count());

      LabelResult again = LabelJob.run(spark, new LabelConfig(model, InputSpec.of(remote), "s3a://catalogs/nightly"));
      assertEquals(0L, again.counts().get("labelled"));
      assertEquals(onS3.counts().get("labelled"), again.counts().get("unchanged"));
      assertEquals(2L, spark.read().format("delta").load(again.runsDir()).where("status = 'succeeded'").count());

      assertEquals(List.of(), s3.objectsContaining(s3.secretKey()), "objects holding the secret key");
    }
  }
}
