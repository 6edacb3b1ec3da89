package dev.songmood.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.S3Server;
import dev.songmood.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * The committer settings of conf/spark-defaults.conf at work: a Parquet write to s3a:// is committed by the S3A magic
 * committer (its _SUCCESS manifest says so and lists the files), one to local disk by the classic FileOutputCommitter,
 * and a write whose task fails leaves nothing at the destination on S3.
 */
@Tag("slow")
class S3CommitterTest extends SparkTestBase {
  private static final String MARKER = "mapreduce.fileoutputcommitter.marksuccessfuljobs";

  private Dataset<Row> songs(int n) {
    return spark.range(n).selectExpr("concat('song', id) as id", "cast(id % 4 as int) as quadrant").repartition(4);
  }

  @Test
  void parquetOnS3IsCommittedByTheMagicCommitterAndOnDiskByTheClassicOne() throws Exception {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    String marker = conf.get(MARKER);
    try (S3Server s3 = S3Server.start(tmp)) {
      s3.configure(conf);
      s3.createBucket("tables");
      conf.set(MARKER, "true");  // the committers' _SUCCESS file is the evidence of which one committed
      songs(1000).write().parquet("s3a://tables/songs");
      String manifest = new HadoopFiles(spark).readText("s3a://tables/songs/_SUCCESS");
      assertTrue(manifest.contains("\"committer\" : \"magic\""), manifest);
      List<String> parquet = s3.objects().stream().filter(f -> f.startsWith("tables/songs/") && f.endsWith(".parquet"))
          .map(f -> f.substring("tables/songs/".length())).toList();
      assertEquals(4, parquet.size(), parquet.toString());
      for (String f : parquet) {
        assertTrue(manifest.contains(f), f + " listed in " + manifest);
      }
      assertEquals(1000, spark.read().parquet("s3a://tables/songs").count());
      assertTrue(s3.objects().stream().noneMatch(f -> f.contains("__magic")),
          "the magic committer's scratch area is gone");

      String local = tmp.resolve("songs").toString();
      songs(1000).write().parquet(local);
      assertEquals(0, Files.size(tmp.resolve("songs/_SUCCESS")), "the classic committer's empty marker");
      assertEquals(1000, spark.read().parquet(local).count());
    } finally {
      if (marker == null) {
        conf.unset(MARKER);
      } else {
        conf.set(MARKER, marker);
      }
    }
  }

  @Test
  void aFailedWriteLeavesNothingAtItsDestinationOnS3() throws Exception {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    try (S3Server s3 = S3Server.start(tmp)) {
      s3.configure(conf);
      s3.createBucket("tables");
      spark.udf().register("failOnSong777", (UDF1<String, String>) id -> {
        if (id.equals("song777")) {
          throw new IllegalStateException("a task dies mid-write");
        }
        return id;
      }, DataTypes.StringType);
      Dataset<Row> failing = songs(1000).selectExpr("failOnSong777(id) as id", "quadrant");
      assertThrows(Exception.class, () -> failing.write().mode(SaveMode.ErrorIfExists).parquet("s3a://tables/failed"));
      List<String> left = s3.objects();
      System.out.println("objects left after the failed write: " + left);
      assertFalse(left.stream().anyMatch(f -> f.startsWith("tables/failed/") || f.contains("__magic")), left.toString());
      org.apache.hadoop.fs.Path failed = new org.apache.hadoop.fs.Path("s3a://tables/failed");
      HadoopFiles files = new HadoopFiles(spark);
      assertFalse(files.exists("s3a://tables/failed") && files.fs(failed).listFiles(failed, true).hasNext(),
          "no file under the destination");
    }
  }
}
