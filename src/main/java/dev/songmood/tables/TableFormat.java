package dev.songmood.tables;

import dev.songmood.io.StorageErrors;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What a table directory holds, found from its files without Spark: {@code delta} when it has a commit log (read as
 * Delta, so only the current version's rows: its Parquet files also hold superseded ones), {@code parquet} when it
 * is Parquet files or a directory of them (a report table, fetch-lyrics' catalog). Anything else is refused with an
 * {@link IllegalArgumentException} naming the path.
 */
public final class TableFormat {
  public static final String DELTA = "delta";
  public static final String PARQUET = "parquet";
  private static final String DELTA_LOG = "_delta_log";

  private TableFormat() {
  }

  /** {@link #DELTA} or {@link #PARQUET} for the table at {@code path}; {@code what} names it in errors. */
  public static String detect(Configuration hadoop, String what, String path) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(hadoop);
      if (!fs.exists(p)) {
        throw new IllegalArgumentException(what + ": no table at " + path + " (the path does not exist)");
      }
      if (fs.exists(new Path(p, DELTA_LOG))) {
        return DELTA;
      }
      if (fs.getFileStatus(p).isFile() ? p.getName().endsWith(".parquet") : holdsParquet(fs, p)) {
        return PARQUET;
      }
      throw new IllegalArgumentException(what + ": " + path + " is neither a Delta table (no " + DELTA_LOG
          + "/) nor Parquet files");
    } catch (IOException e) {
      throw StorageErrors.before("read the table", path, e);
    }
  }

  /**
   * A .parquet file in the directory, or in its partition directories ({@code quadrant=1/}); not in any other
   * subdirectory, so that a run's whole output directory (tables side by side) is not taken for one table.
   */
  private static boolean holdsParquet(FileSystem fs, Path dir) throws IOException {
    for (FileStatus f : fs.listStatus(dir)) {
      String name = f.getPath().getName();
      if (f.isFile() ? name.endsWith(".parquet") : name.contains("=") && holdsParquet(fs, f.getPath())) {
        return true;
      }
    }
    return false;
  }
}
