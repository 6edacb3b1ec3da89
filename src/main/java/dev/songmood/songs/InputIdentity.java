package dev.songmood.songs;

import dev.songmood.io.ContentHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.EtagSource;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What identifies an input's data files from one night to the next, so that a catalog exported again with the same
 * bytes counts as the same input. Each file is named by the strongest identity that costs little: the object store's
 * entity tag from the listing (S3A: the content's MD5 for a single-part upload), else the SHA-256 of its bytes while
 * the run's hashing budget lasts (a local or HDFS catalog of a few hundred MB is read in about a second), else its
 * size and modification time (a file written again then counts as changed, which costs a read, never a wrong answer).
 */
public final class InputIdentity {
  private InputIdentity() {
  }

  /**
   * One line per data file of the input, in path order: "path size identity"; the files are those of the run's one
   * listing ({@link CatalogFiles.Plan#listing()}), not listed again.
   */
  public static List<String> of(Configuration conf, CatalogFiles.Plan plan, long hashBudgetBytes) {
    TreeSet<String> lines = new TreeSet<>();
    long budget = hashBudgetBytes;
    for (FileStatus f : plan.listing()) {
      String identity;
      if (f instanceof EtagSource tagged && tagged.getEtag() != null && !tagged.getEtag().isEmpty()) {
        identity = "etag " + tagged.getEtag();
      } else if (f.getLen() <= budget) {
        identity = "sha256 " + sha256(conf, f.getPath());
        budget -= f.getLen();
      } else {
        identity = "modified " + f.getModificationTime();
      }
      lines.add(f.getPath() + " " + f.getLen() + " " + identity);
    }
    return List.copyOf(lines);
  }

  private static String sha256(Configuration conf, Path file) {
    try {
      return ContentHash.sha256(FileSystem.get(file.toUri(), conf), file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + file, e);
    }
  }
}
