package dev.songmood.runtime;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.util.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a driver started on the cluster ({@code --deploy-mode cluster}) needs before its job runs: the files shipped
 * with {@code --files} and {@code --archives} in its working directory, and the logging configuration named by
 * {@value #LOG4J_PROPERTY} applied. YARN and Kubernetes put the shipped files there before the job's main method runs;
 * a standalone master starts the driver with only the job's jar, so the driver fetches them itself (every
 * {@code spark.files} and {@code spark.archives} entry that is not there yet, archives unpacked under their
 * {@code #name}), from wherever spark-submit recorded them (a path every worker sees, or any Hadoop file system URI).
 * {@code submit.sh} passes the shipped names: {@code -Dsongmood.log4j2=log4j2.properties} and
 * {@code -Dsongmood.model=songmood-model}.
 */
public final class ShippedFiles {
  /** The logging configuration to apply, a path relative to the working directory (the shipped name). */
  public static final String LOG4J_PROPERTY = "songmood.log4j2";
  /** The default model's directory, relative to the working directory on a cluster driver (the shipped name). */
  public static final String MODEL_PROPERTY = "songmood.model";
  private static final Logger LOG = LoggerFactory.getLogger(ShippedFiles.class);

  private ShippedFiles() {
  }

  /** Fetches what a cluster driver lacks, then applies the shipped logging configuration; a no-op elsewhere. */
  public static void prepareDriver() {
    Path workDir = Path.of("").toAbsolutePath();
    if ("cluster".equals(System.getProperty("spark.submit.deployMode"))) {
      fetch(System.getProperty("spark.files", ""), false, workDir);
      fetch(System.getProperty("spark.archives", ""), true, workDir);
    }
    String log4j = System.getProperty(LOG4J_PROPERTY);
    if (log4j != null && !log4j.isBlank()) {
      Path config = workDir.resolve(log4j);
      if (!Files.isReadable(config)) {
        throw new IllegalArgumentException("-D" + LOG4J_PROPERTY + "=" + log4j + ": no such file in the driver's "
            + "working directory " + workDir + " (ship it with --files)");
      }
      Configurator.reconfigure(config.toUri());
      LOG.info("logging: configured from {}", config);
    }
  }

  /** Copies each entry of a comma-separated list of shipped URIs into {@code workDir}, unless already there. */
  static void fetch(String list, boolean archives, Path workDir) {
    for (String entry : list.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      URI uri = URI.create(entry.trim());
      String path = uri.getPath() == null ? uri.getSchemeSpecificPart() : uri.getPath();
      String name = uri.getFragment() != null ? uri.getFragment() : new File(path).getName();
      Path target = workDir.resolve(name).normalize();
      if (!target.getParent().equals(workDir)) {
        throw new IllegalArgumentException("shipped file name leaves the working directory: " + entry);
      }
      if (Files.exists(target)) {
        continue;
      }
      URI source = URI.create(entry.trim().replaceFirst("#[^#]*$", ""));
      try {
        Configuration hadoop = SparkHadoopUtil.get().newConfiguration(new SparkConf());
        org.apache.hadoop.fs.Path from = new org.apache.hadoop.fs.Path(source.getScheme() == null
            ? new File(source.getPath()).toURI() : source);
        FileSystem fs = from.getFileSystem(hadoop);
        if (archives) {
          Path local = Files.createTempFile(workDir, ".shipped-", "-" + from.getName());
          fs.copyToLocalFile(false, from, new org.apache.hadoop.fs.Path(local.toUri()), true);
          Utils.unpack(local.toFile(), target.toFile());
          Files.delete(local);
        } else {
          fs.copyToLocalFile(false, from, new org.apache.hadoop.fs.Path(target.toUri()), true);
        }
        LOG.info("shipped: {} fetched into the working directory as {}", source, name);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot fetch the shipped " + (archives ? "archive " : "file ") + entry
            + " into the driver's working directory", e);
      }
    }
  }
}
