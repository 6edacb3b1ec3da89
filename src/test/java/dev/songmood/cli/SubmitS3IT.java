package dev.songmood.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code submit.sh label} with its catalog and tables on s3a:// of a real S3 server on loopback, the endpoint given by
 * {@code --s3-endpoint}/{@code --s3-path-style} and the keys by the environment only: the run succeeds, and the secret
 * key appears nowhere in its stdout, its logs, or any object it wrote.
 */
class SubmitS3IT {
  private static final Path PROJECT = Path.of(System.getProperty("songmood.project.dir", ".")).toAbsolutePath();

  @TempDir
  Path tmp;

  @Test
  void labelOnS3WithKeysFromTheEnvironmentNeverShowsTheSecret() throws Exception {
    try (S3Server s3 = S3Server.start(tmp)) {
      s3.createBucket("catalogs");
      org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
      s3.configure(conf);
      s3.upload(conf, PROJECT.resolve("sample-data/catalog.jsonl"), "s3a://catalogs/in/catalog.jsonl");

      ProcessBuilder pb = new ProcessBuilder("bash", PROJECT.resolve("submit.sh").toString(),
          "--s3-endpoint", s3.endpoint(), "--s3-path-style", "--s3-region", "us-east-1", "--s3-credentials", "env",
          "label", "--input", "s3a://catalogs/in/catalog.jsonl", "--out", "s3a://catalogs/nightly")
          .directory(PROJECT.toFile())
          .redirectOutput(tmp.resolve("out.log").toFile()).redirectError(tmp.resolve("err.log").toFile());
      pb.environment().put("AWS_ACCESS_KEY_ID", s3.accessKey());
      pb.environment().put("AWS_SECRET_ACCESS_KEY", s3.secretKey());
      pb.environment().put("SONGMOOD_DRIVER_MEMORY", "2g");
      Process p = pb.start();
      assertTrue(p.waitFor(5, TimeUnit.MINUTES));
      String out = Files.readString(tmp.resolve("out.log"));
      String err = Files.readString(tmp.resolve("err.log"));
      assertEquals(0, p.exitValue(), out + err.substring(Math.max(0, err.length() - 5000)));
      assertTrue(out.contains("{read=20, labelled=12"), out);
      assertTrue(Files.isDirectory(s3.data().resolve("catalogs/nightly/predictions/_delta_log")) || Files.exists(
          s3.data().resolve("catalogs/nightly/predictions/_delta_log/00000000000000000000.json")), "a Delta table on S3");

      String secret = s3.secretKey();
      assertFalse(out.contains(secret), "stdout");
      assertFalse(err.contains(secret), "logs");
      assertEquals(List.of(), s3.objectsContaining(secret), "objects holding the secret key");
      for (String log : List.of(out, err)) {
        assertFalse(log.contains(s3.accessKey() + ":"), "no key pair in a URI");
      }
    }
  }
}
