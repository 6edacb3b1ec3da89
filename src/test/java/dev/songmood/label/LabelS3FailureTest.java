package dev.songmood.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.S3Server;
import dev.songmood.SampleModel;
import dev.songmood.SparkTestBase;
import dev.songmood.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * What a user gets wrong about S3: wrong keys, a bucket that does not exist, an endpoint nobody listens on. Each stops
 * the run before any work, with a message that says which, and nothing is written.
 */
@Tag("slow")
class LabelS3FailureTest extends SparkTestBase {
  private int label(String input, String out, ByteArrayOutputStream err) {
    return Main.run(new String[] {"label", "--model", SampleModel.get().modelDir(), "--input", input, "--out", out},
        new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream(), true),
        new PrintStream(err, true), () -> spark);
  }

  @Test
  void wrongKeysMissingBucketAndUnreachableEndpointFailFastWithoutOutput() throws Exception {
    SampleModel.get();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    try (S3Server s3 = S3Server.start(tmp)) {
      s3.configure(conf);
      s3.createBucket("catalogs");
      String catalog = "s3a://catalogs/in/catalog.jsonl";
      s3.upload(conf, projectDir().resolve("sample-data/catalog.jsonl"), catalog);
      long before = s3.objects().size();

      conf.set("fs.s3a.secret.key", "not-the-secret");
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      long t = System.nanoTime();
      int code = label(catalog.toString(), "s3a://catalogs/nightly", err);
      String wrongKeys = err.toString(StandardCharsets.UTF_8);
      assertEquals(2, code, wrongKeys);
      System.out.printf("wrong keys: exit %d in %.1f s: %s%n", code, (System.nanoTime() - t) / 1e9, wrongKeys);
      assertEquals(before, s3.objects().size(), "nothing written");
      s3.configure(conf);

      err.reset();
      t = System.nanoTime();
      code = label("s3a://no-such-bucket/catalog.jsonl", "s3a://no-such-bucket/nightly", err);
      String noBucket = err.toString(StandardCharsets.UTF_8);
      assertEquals(2, code, noBucket);
      System.out.printf("missing bucket: exit %d in %.1f s: %s%n", code, (System.nanoTime() - t) / 1e9, noBucket);
      assertEquals(before, s3.objects().size(), "nothing written");

      conf.set("fs.s3a.endpoint", "http://127.0.0.1:9");
      err.reset();
      t = System.nanoTime();
      code = label(catalog.toString(), "s3a://catalogs/nightly", err);
      String unreachable = err.toString(StandardCharsets.UTF_8);
      assertEquals(2, code, unreachable);
      System.out.printf("unreachable: exit %d in %.1f s: %s%n", code, (System.nanoTime() - t) / 1e9, unreachable);
      assertEquals(before, s3.objects().size(), "nothing written");
      assertTrue(wrongKeys.contains("access denied: check the credentials"), wrongKeys);
      assertTrue(noBucket.contains("the bucket does not exist"), noBucket);
      assertTrue(unreachable.contains("cannot reach the storage endpoint"), unreachable);
      assertTrue(!wrongKeys.contains(s3.secretKey()) && !wrongKeys.contains("not-the-secret"), "no key in a message");
    } finally {
      conf.unset("fs.s3a.endpoint");
    }
  }
}
