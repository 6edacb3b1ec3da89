package dev.songmood.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.row_number;

import dev.songmood.input.InputSpec;
import dev.songmood.profile.ProfileConfig;
import dev.songmood.profile.ProfileJob;
import dev.songmood.profile.ProfileResult;
import dev.songmood.runtime.ProcessMemory;
import dev.songmood.songs.CatalogReader;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * The cost of {@code profile}: builds a labelled set of N songs by repeating the rows of a real one with new ids
 * (every other column kept, so lengths, words and labels are real), writes it as Parquet under the work directory,
 * then profiles it and prints the seconds, the peak RSS of the JVM (driver and executor in one, local mode) and the
 * largest heap left live after a garbage collection.
 *
 * <p>Usage: {@code ProfileBenchmark LABELLED (csv/json/parquet) WORK_DIR N}; from the repository root:
 * <pre>{@code
 * ./bench.sh -Xmx4g ProfileBenchmark ../shared/data/muse_lyrics.csv target/profile-bench 50000
 * }</pre>
 */
public final class ProfileBenchmark {
  private ProfileBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: ProfileBenchmark LABELLED WORK_DIR N");
      System.exit(2);
    }
    int n = Integer.parseInt(args[2]);
    SparkSession spark = BenchSession.local("songmood-profile-benchmark");
    String songs = args[1] + "/songs-" + n;
    Dataset<Row> source = new CatalogReader(spark).read(java.util.List.of(args[0]),
            dev.songmood.input.InputFormat.AUTO, dev.songmood.input.ReadOptions.DETECT)
        .where(col(CatalogReader.CORRUPT_COLUMN).isNull()).drop(CatalogReader.CORRUPT_COLUMN);
    Dataset<Row> indexed = source.withColumn("k", row_number().over(Window.orderBy(CatalogReader.ROW_COLUMN))
        .minus(1)).drop(CatalogReader.ROW_COLUMN).cache();
    long m = indexed.count();
    String idColumn = java.util.Arrays.asList(indexed.columns()).contains("song_id") ? "song_id" : "id";
    spark.range(n).withColumn("k", pmod(col("id"), lit(m)))
        .join(org.apache.spark.sql.functions.broadcast(indexed.drop(idColumn)), "k")
        .withColumn(idColumn, format_string("bench-%08d", col("id"))).drop("id", "k")
        .repartition(Math.max(2, n / 10_000)).write().mode(SaveMode.Overwrite).parquet(songs);
    indexed.unpersist();
    System.err.printf("%,d songs from %,d source rows under %s%n", n, m, songs);

    CatalogBenchmark.HeapWatch heap = CatalogBenchmark.HeapWatch.start();
    ProfileResult r = ProfileJob.run(spark, new ProfileConfig(InputSpec.of(songs), args[1] + "/profile-" + n));
    heap.stop();
    long rssKb = ProcessMemory.statusKb("VmHWM");
    System.out.printf(Locale.ROOT, "| songs | seconds | peak RSS MiB | live heap after GC MiB | cores |%n"
            + "|---:|---:|---:|---:|---|%n| %,d | %.1f | %.0f | %.0f | %s |%n", n, r.seconds(), rssKb / 1024.0,
        heap.maxLiveAfterGc() / 1048576.0, spark.sparkContext().master());
    System.out.println("page: " + r.page());
    spark.stop();
  }
}
