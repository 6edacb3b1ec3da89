package dev.songmood.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.FaultyS3Proxy;
import dev.songmood.S3Server;
import dev.songmood.SampleModel;
import dev.songmood.SparkTestBase;
import dev.songmood.input.InputSpec;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Transient server errors: the S3 server throttles (503 Slow Down) and drops connections for a while during
 * {@code label}; S3A retries them and the run completes with the same labels as on local disk. The faults come from a
 * proxy in front of a real S3 server (s3proxy) that answers a faulted request itself, before the server sees it.
 */
@Tag("slow")
class LabelS3TransientTest extends SparkTestBase {
  @Test
  void throttledAndDroppedRequestsAreRetriedAndTheRunCompletes() throws Exception {
    String model = SampleModel.get().modelDir();
    Path local = projectDir().resolve("sample-data/catalog.jsonl");
    LabelResult onDisk = LabelJob.run(spark, new LabelConfig(model, InputSpec.of(local.toString()),
        tmp.resolve("local").toString()));

    Configuration conf = spark.sparkContext().hadoopConfiguration();
    try (S3Server s3 = S3Server.start(tmp); FaultyS3Proxy proxy = FaultyS3Proxy.start(s3)) {
      s3.configure(conf);  // the retries are conf/spark-defaults.conf's, as in a real run
      conf.set("fs.s3a.endpoint", proxy.endpoint());
      s3.createBucket("catalogs");
      String remote = "s3a://catalogs/in/catalog.jsonl";
      s3.upload(conf, local, remote);
      long uploadRequests = proxy.requests();
      assertTrue(uploadRequests > 0, "the upload went through the proxy");
      assertEquals(0, proxy.throttled() + proxy.dropped());

      // every 4th request fails, throttled and dropped in turn, until 10 of each; and every 3rd write (PUT: data files,
      // Delta commits; POST: S3A's bulk deletes of directory markers) until 3 of each, so that writes are retried too
      proxy.failEvery(4, 10, 10);
      proxy.failEvery(3, 3, 3, "PUT", "POST");
      long t = System.nanoTime();
      LabelResult onS3 = LabelJob.run(spark, new LabelConfig(model, InputSpec.of(remote), "s3a://catalogs/nightly"));
      double night1 = (System.nanoTime() - t) / 1e9;
      long requests1 = proxy.requests() - uploadRequests;
      long throttled1 = proxy.throttled();
      long dropped1 = proxy.dropped();
      System.out.printf("night 1 through the faulty proxy: %.1f s, %d requests, throttled %d, dropped %d; %s%n",
          night1, requests1, throttled1, dropped1, proxy.counters());
      assertTrue(throttled1 > 0, "requests were throttled: " + proxy.counters());
      assertTrue(dropped1 > 0, "connections were dropped: " + proxy.counters());
      assertTrue(proxy.faultsByMethod().getOrDefault("PUT", 0L) > 0, "writes failed too: " + proxy.counters());
      assertTrue(!proxy.faultsPending(), "all scheduled faults were injected: " + proxy.counters());
      proxy.heal();  // the comparisons below read without faults

      assertEquals(onDisk.counts(), onS3.counts());
      assertEquals(LabelS3Test.predictions(spark, onDisk.predictionsDir()),
          LabelS3Test.predictions(spark, onS3.predictionsDir()), "the same labels");
      assertEquals(spark.read().format("delta").load(onDisk.quarantineDir()).count(),
          spark.read().format("delta").load(onS3.quarantineDir()).count());

      // night two through the faulty proxy again: nothing changed, nothing labelled
      long before = proxy.requests();
      proxy.failEvery(4, 5, 5);
      proxy.failEvery(3, 1, 1, "PUT", "POST");
      t = System.nanoTime();
      LabelResult again = LabelJob.run(spark, new LabelConfig(model, InputSpec.of(remote), "s3a://catalogs/nightly"));
      double night2 = (System.nanoTime() - t) / 1e9;
      System.out.printf("night 2 through the faulty proxy: %.1f s, %d requests, throttled %d, dropped %d; %s%n",
          night2, proxy.requests() - before, proxy.throttled() - throttled1, proxy.dropped() - dropped1,
          proxy.counters());
      assertTrue(proxy.throttled() > throttled1 && proxy.dropped() > dropped1, "faults in night 2: "
          + proxy.counters());
      proxy.heal();
      assertEquals(0L, again.counts().get("labelled"));
      assertEquals(onS3.counts().get("labelled"), again.counts().get("unchanged"));
      assertEquals(2L, spark.read().format("delta").load(again.runsDir()).where("status = 'succeeded'").count());
    } finally {
      conf.unset("fs.s3a.endpoint");
    }
  }
}
