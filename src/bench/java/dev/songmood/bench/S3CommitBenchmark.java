package dev.songmood.bench;

import java.net.URI;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.StorageStatistics;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The evidence for the committer settings in conf/spark-defaults.conf: writes the same Parquet data set to s3a:// with
 * Hadoop's classic FileOutputCommitter (algorithm 1 and 2, what Spark uses without spark-hadoop-cloud) and with the
 * S3A magic committer (what conf/ selects), and prints for each the seconds and the S3 requests it made (from S3A's
 * own statistics): copies and deletes are the renames a classic commit does on a store that has no rename.
 *
 * <p>Usage, from the repository root, against any S3 endpoint (./s3-server.sh start --bucket bench gives one;
 * bench.sh builds first when needed and runs it with the Java 17 flags and the job's classpath):
 * <pre>{@code
 * ./bench.sh -Dspark.hadoop.fs.s3a.endpoint=$SONGMOOD_S3_ENDPOINT -Dspark.hadoop.fs.s3a.path.style.access=true \
 *     -Dspark.hadoop.fs.s3a.aws.credentials.provider=com.amazonaws.auth.EnvironmentVariableCredentialsProvider \
 *     S3CommitBenchmark s3a://bench/commit 1000000 16 3
 * }</pre>
 * Arguments: the output base, rows, files (tasks) per write, repeats per committer.
 */
public final class S3CommitBenchmark {
  private static final List<String> COUNTERS = List.of("object_put_request", "object_multipart_initiated",
      "object_copy_requests", "object_delete_objects", "object_list_request", "object_metadata_request");

  private S3CommitBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: S3CommitBenchmark s3a://BUCKET/PREFIX ROWS FILES REPEATS");
      System.exit(2);
    }
    String base = args[0];
    long rows = Long.parseLong(args[1]);
    int files = Integer.parseInt(args[2]);
    int repeats = Integer.parseInt(args[3]);
    SparkSession spark = BenchSession.local("songmood-s3-commit-benchmark");
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    FileSystem fs = FileSystem.get(new URI(base), conf);
    Dataset<Row> data = spark.range(rows).selectExpr("format_string('song-%010d', id) as id",
        "cast(id % 4 as int) as quadrant", "rand(7) as prob_q1", "rand(8) as prob_q2", "sha2(cast(id as string), 256) "
            + "as lyrics_sha256").repartition(files).cache();
    data.count();

    String magicProtocol = spark.conf().get("spark.sql.sources.commitProtocolClass");
    String magicParquet = spark.conf().get("spark.sql.parquet.output.committer.class");
    Map<String, Map<String, Double>> results = new LinkedHashMap<>();
    for (int r = 0; r < repeats; r++) {
      for (String committer : List.of("classic-v1", "classic-v2", "magic")) {
        boolean classic = committer.startsWith("classic");
        spark.conf().set("spark.sql.sources.commitProtocolClass", classic
            ? "org.apache.spark.sql.execution.datasources.SQLHadoopMapReduceCommitProtocol" : magicProtocol);
        spark.conf().set("spark.sql.parquet.output.committer.class", classic
            ? "org.apache.parquet.hadoop.ParquetOutputCommitter" : magicParquet);
        conf.set("mapreduce.fileoutputcommitter.algorithm.version", committer.endsWith("v2") ? "2" : "1");
        String out = base + "/" + committer + "-" + r;
        fs.delete(new Path(out), true);
        Map<String, Long> before = counters(fs.getStorageStatistics());
        long t = System.nanoTime();
        data.write().parquet(out);
        double seconds = (System.nanoTime() - t) / 1e9;
        Map<String, Long> after = counters(fs.getStorageStatistics());
        long written = spark.read().parquet(out).count();
        if (written != rows) {
          throw new IllegalStateException(committer + " wrote " + written + " rows of " + rows);
        }
        Map<String, Double> sum = results.computeIfAbsent(committer, k -> new LinkedHashMap<>());
        sum.merge("seconds", seconds / repeats, Double::sum);
        for (String c : COUNTERS) {
          sum.merge(c, (after.get(c) - before.get(c)) / (double) repeats, Double::sum);
        }
        System.err.printf(Locale.ROOT, "%s #%d: %.2f s%n", committer, r + 1, seconds);
        fs.delete(new Path(out), true);
      }
    }
    System.out.printf(Locale.ROOT, "%n%,d rows in %d files, mean of %d writes each%n", rows, files, repeats);
    System.out.println("| committer | seconds | PUT | multipart uploads | COPY | objects deleted | LIST | HEAD |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
    results.forEach((committer, r) -> {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %s | %.2f |", committer, r.get("seconds")));
      for (String c : COUNTERS) {
        line.append(String.format(Locale.ROOT, " %.0f |", r.get(c)));
      }
      System.out.println(line);
    });
    spark.stop();
  }

  private static Map<String, Long> counters(StorageStatistics stats) {
    Map<String, Long> m = new LinkedHashMap<>();
    COUNTERS.forEach(c -> m.put(c, 0L));
    for (Iterator<StorageStatistics.LongStatistic> it = stats.getLongStatistics(); it.hasNext(); ) {
      StorageStatistics.LongStatistic s = it.next();
      if (m.containsKey(s.getName())) {
        m.put(s.getName(), s.getValue());
      }
    }
    return m;
  }
}
