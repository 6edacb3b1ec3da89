package dev.songmood.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** Small files (reports, pictures, provenance) through Hadoop's FileSystem, so local paths and s3a:// behave alike. */
public final class HadoopFiles {
  private final Configuration conf;

  public HadoopFiles(SparkSession spark) {
    this.conf = spark.sparkContext().hadoopConfiguration();
  }

  public FileSystem fs(Path path) {
    try {
      return path.getFileSystem(conf);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the file system of " + path, e);
    }
  }

  public void write(String path, byte[] bytes) {
    Path p = new Path(path);
    try (OutputStream out = fs(p).create(p, true)) {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  public void writeText(String path, String text) {
    write(path, text.getBytes(StandardCharsets.UTF_8));
  }

  public String readText(String path) {
    Path p = new Path(path);
    try (InputStream in = fs(p).open(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  public byte[] readBytes(String path) {
    Path p = new Path(path);
    try (InputStream in = fs(p).open(p)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /** Writes {@code bytes} beside {@code path} and renames them into place, so a reader never sees half a file. */
  public void writeAtomically(String path, byte[] bytes) {
    String partial = path + ".partial";
    write(partial, bytes);
    delete(path);
    rename(partial, path);
  }

  public boolean exists(String path) {
    Path p = new Path(path);
    try {
      return fs(p).exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + path, e);
    }
  }

  public void delete(String path) {
    Path p = new Path(path);
    try {
      fs(p).delete(p, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }

  /**
   * The names of a directory's entries, sorted; none when it does not exist. It lists that directory alone, unlike a
   * glob of its children's names, which lists the parent: every sibling's name would then have to parse as a path
   * (a {@code :} in one does not), and glob characters in the directory's own name ({@code [}, <code>{</code>)
   * would be read as a pattern.
   */
  public java.util.List<String> children(String dir) {
    Path p = new Path(dir);
    try {
      return java.util.Arrays.stream(fs(p).listStatus(p)).map(s -> s.getPath().getName()).sorted().toList();
    } catch (java.io.FileNotFoundException e) {
      return java.util.List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** Renames, failing loudly (Hadoop's rename reports failure as false). */
  public void rename(String from, String to) {
    Path src = new Path(from);
    try {
      if (!fs(src).rename(src, new Path(to))) {
        throw new IOException("rename returned false");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rename " + from + " to " + to, e);
    }
  }

  /**
   * Every file under {@code path} (a file or a directory, recursively) as "relative-path size modification-time",
   * in path order, checksum files left out: what changes when any of them is written again. One listing call.
   */
  public java.util.List<String> stamps(String path) {
    return listing(path).entrySet().stream().map(e -> e.getKey() + " " + e.getValue().getLen() + " "
        + e.getValue().getModificationTime()).toList();
  }

  /**
   * Every file under {@code dir} (recursively) by its path relative to {@code dir}, with its size, in path order;
   * checksum files ({@code .crc}) left out. One listing call on object stores.
   */
  public java.util.TreeMap<String, Long> sizes(String dir) {
    java.util.TreeMap<String, Long> sizes = new java.util.TreeMap<>();
    listing(dir).forEach((name, status) -> sizes.put(name, status.getLen()));
    return sizes;
  }

  /** The files under {@code path} by path relative to it (a file: by its name), {@code .crc} files left out. */
  private java.util.TreeMap<String, org.apache.hadoop.fs.FileStatus> listing(String path) {
    Path root = new Path(path);
    java.util.TreeMap<String, org.apache.hadoop.fs.FileStatus> files = new java.util.TreeMap<>();
    try {
      FileSystem fs = fs(root);
      String prefix = fs.makeQualified(root).toUri().getPath();
      org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> it = fs.listFiles(root, true);
      while (it.hasNext()) {
        org.apache.hadoop.fs.LocatedFileStatus s = it.next();
        String full = s.getPath().toUri().getPath();
        String rel = full.length() > prefix.length() ? full.substring(prefix.length() + 1) : s.getPath().getName();
        if (!rel.endsWith(".crc")) {
          files.put(rel, s);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + path, e);
    }
    return files;
  }
}
