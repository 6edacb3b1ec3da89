package dev.songmood.songs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import dev.songmood.input.InputFormat;
import dev.songmood.input.ReadOptions;
import dev.songmood.io.StaleChecksums;
import dev.songmood.io.StorageErrors;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.security.AccessControlException;

/**
 * What the input paths hold, found on the driver before Spark reads them, so that a wrong input stops the run with a
 * message that names the file, the problem and the fix instead of a task failure: paths Hadoop cannot hold, missing
 * or unreadable files, directories as Spark and Hadoop write them ({@code part-*} files beside {@code _SUCCESS},
 * {@code .crc} and hidden files, which are skipped), mixed formats, a {@code .parquet} file that is text, JSON that is
 * not JSON lines; and for CSV the charset (byte-order mark, UTF-16's zero bytes) and the delimiter (the header's most
 * frequent separator). Reads a few kilobytes of the first files, never whole files.
 */
public final class CatalogFiles {
  /**
   * How to read the input: the resolved format and, for CSV, the charset (null: UTF-8) and delimiter; {@code paths}
   * are what Spark reads: the user's paths, or the data files themselves when a directory holds files that Spark
   * would read but are not data (a {@code .crc} without its leading dot). {@code input} is the user's paths as given;
   * {@code listing} the data files as listed, in order ({@code files} their names): the one listing of the input a
   * run makes, which {@link InputIdentity} reads too.
   */
  public record Plan(InputFormat format, String encoding, String delimiter, boolean multiLineJson,
      List<String> files, List<String> paths, List<String> input, List<FileStatus> listing) {
    /**
     * The column names of a CSV input, from its first file's header; empty for JSON (its columns are the union of
     * all records' keys) and Parquet, whose columns Spark finds.
     */
    public List<String> header(Configuration conf) {
      byte[] head = FileHead.head(conf, new Path(files.get(0)));
      if (format == InputFormat.CSV) {
        CsvParserSettings settings = new CsvParserSettings();
        settings.getFormat().setDelimiter(delimiter.charAt(0));
        settings.getFormat().setLineSeparator("\n");
        settings.setMaxCharsPerColumn(-1);
        settings.setMaxColumns(ReadOptions.MAX_CSV_COLUMNS);
        String text = new String(head, encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding));
        String[] names = new CsvParser(settings).parseLine(text.replaceFirst("^\uFEFF", "").lines().findFirst()
            .orElse(""));
        return names == null ? List.of() : Arrays.stream(names).map(n -> n == null ? "" : n.trim()).toList();
      }
      return List.of();
    }
  }

  private CatalogFiles() {
  }

  /** Inspects {@code paths}; throws {@link IllegalArgumentException} (exit 2, nothing done) on a wrong input. */
  public static Plan inspect(Configuration conf, List<String> paths, InputFormat format, ReadOptions options) {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("no input path given");
    }
    Map<String, InputFormat> files = new LinkedHashMap<>();
    List<FileStatus> listing = new ArrayList<>();
    List<String> strays = new ArrayList<>();
    for (String path : paths) {
      for (FileStatus f : dataFiles(conf, path, strays)) {
        StaleChecksums.require(conf, f);
        if (files.put(f.getPath().toString(), format == InputFormat.AUTO ? formatOf(conf, f.getPath()) : format)
            == null) {
          listing.add(f);
        }
      }
    }
    Map<InputFormat, List<String>> byFormat = files.entrySet().stream().collect(Collectors.groupingBy(
        Map.Entry::getValue, LinkedHashMap::new, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
    if (byFormat.size() > 1) {
      throw new IllegalArgumentException("the input mixes file formats (" + byFormat.entrySet().stream()
          .map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + ": " + examples(e.getValue()))
          .collect(Collectors.joining("; ")) + "): one run reads one format; give the files of one format with "
          + "--input, or move the others away");
    }
    InputFormat resolved = byFormat.keySet().iterator().next();
    List<String> names = new ArrayList<>(files.keySet());
    List<String> read = strays.isEmpty() ? paths : names;
    List<String> sniffed = names.subList(0, Math.min(names.size(), ReadOptions.SNIFF_FILES));
    switch (resolved) {
      case PARQUET:
        for (String f : sniffed) {
          requireParquet(conf, f);
        }
        return new Plan(resolved, null, null, false, names, read, List.copyOf(paths), List.copyOf(listing));
      case JSON:
        if (!options.multiLineJson()) {
          for (String f : sniffed) {
            requireJsonLines(conf, f);
          }
        }
        return new Plan(resolved, null, null, options.multiLineJson(), names, read, List.copyOf(paths),
            List.copyOf(listing));
      default:
        byte[] head = FileHead.head(conf, new Path(names.get(0)));
        String encoding = options.encoding() != null ? options.encoding() : FileHead.charsetOf(head);
        String delimiter = options.delimiter() != null ? options.delimiter()
            : names.get(0).toLowerCase(Locale.ROOT).matches(".*\\.tsv(\\.\\w+)?$") ? "\t"
            : FileHead.delimiterOf(new String(head, encoding == null ? StandardCharsets.UTF_8
                : Charset.forName(encoding)));
        return new Plan(resolved, encoding, delimiter, false, names, read, List.copyOf(paths),
            List.copyOf(listing));
    }
  }

  /**
   * The data files under {@code path} (a file, a directory or a glob), checked to exist and to be readable; adds to
   * {@code strays} the files of a directory that Spark would read but are not data (a checksum without its dot).
   */
  static List<FileStatus> dataFiles(Configuration conf, String path, List<String> strays) {
    try {
      return listDataFiles(conf, path, strays);
    } catch (IllegalArgumentException e) {
      if (e.getCause() instanceof URISyntaxException || e.getCause() == null && e.getMessage() != null
          && e.getMessage().startsWith("java.net.URISyntaxException")) {
        String colon = path.indexOf(':', path.indexOf("://") + 1) > 0 ? "Hadoop paths cannot hold ':' in a file or "
            + "directory name; rename it (or link to it from a name without ':')" : "not a valid path";
        throw new IllegalArgumentException("cannot read " + path + ": " + colon + " (" + e.getMessage() + ")", e);
      }
      throw e;
    }
  }

  private static List<FileStatus> listDataFiles(Configuration conf, String path, List<String> strays) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(conf);
      FileStatus[] matches = fs.globStatus(p);
      if (matches == null || matches.length == 0) {
        throw new IllegalArgumentException("input path does not exist: " + path);
      }
      List<FileStatus> out = new ArrayList<>();
      for (FileStatus m : matches) {
        requireReadable(fs, m, path);
        if (!m.isDirectory()) {
          out.add(m);
          continue;
        }
        int before = out.size();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(m.getPath(), true);
        while (it.hasNext()) {
          LocatedFileStatus f = it.next();
          if (isData(m.getPath(), f.getPath())) {
            // every file on a local disk; on object stores (one request per file) the first ones, which are sniffed
            if ("file".equals(fs.getScheme()) || out.size() - before < ReadOptions.SNIFF_FILES) {
              requireReadable(fs, f, f.getPath().toString());
            }
            out.add(f);
          } else if (!f.getPath().getName().startsWith(".") && !f.getPath().getName().startsWith("_")) {
            strays.add(f.getPath().toString());
          }
        }
        if (out.size() == before) {
          throw new IllegalArgumentException("input directory " + path + " holds no data files (only hidden, "
              + "_SUCCESS, _-prefixed or .crc files, or nothing)");
        }
      }
      return out;
    } catch (AccessControlException e) {
      throw new IllegalArgumentException("cannot read " + path + ": permission denied", e);
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw StorageErrors.before("read input path", path, e);
    }
  }

  /** Spark's rule: names starting with '_' or '.' (markers, checksums, hidden files) are not data, at any depth. */
  private static boolean isData(Path root, Path file) {
    for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
      String name = p.getName();
      if (name.startsWith("_") && !name.contains("=") || name.startsWith(".")) {
        return false;
      }
    }
    return !file.getName().endsWith(".crc");
  }

  private static void requireReadable(FileSystem fs, FileStatus f, String shown) throws IOException {
    try {
      fs.access(f.getPath(), f.isDirectory() ? FsAction.READ_EXECUTE : FsAction.READ);
    } catch (AccessControlException e) {
      throw new IllegalArgumentException("cannot read " + shown + ": permission denied", e);
    }
  }

  /** By extension (after a compression suffix); without a known one, by the first bytes. */
  static InputFormat formatOf(Configuration conf, Path file) {
    String name = file.getName().toLowerCase(Locale.ROOT).replaceFirst("\\.(gz|bz2|deflate|lz4|zst|snappy)$", "");
    if (name.endsWith(".csv") || name.endsWith(".tsv")) {
      return InputFormat.CSV;
    }
    if (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return InputFormat.JSON;
    }
    if (name.endsWith(".parquet") || name.endsWith(".parq")) {
      return InputFormat.PARQUET;
    }
    byte[] head = FileHead.head(conf, file);
    if (FileHead.startsWith(head, FileHead.PARQUET_MAGIC)) {
      return InputFormat.PARQUET;
    }
    String text = new String(head, StandardCharsets.UTF_8).stripLeading();
    return text.startsWith("{") || text.startsWith("[") ? InputFormat.JSON : InputFormat.CSV;
  }

  private static void requireParquet(Configuration conf, String file) {
    byte[] head = FileHead.head(conf, new Path(file));
    if (head.length == 0) {
      throw new IllegalArgumentException(file + " is empty (0 bytes), not a Parquet file: remove it, or give the "
          + "files of another format with --format");
    }
    if (!FileHead.startsWith(head, FileHead.PARQUET_MAGIC)) {
      throw new IllegalArgumentException(file + " is not a Parquet file (it does not start with PAR1; it looks like "
          + FileHead.guess(head) + "): read it with --format "
          + (FileHead.guess(head).startsWith("JSON") ? "json" : "csv")
          + ", or rename it");
    }
  }

  private static void requireJsonLines(Configuration conf, String file) {
    String text = new String(FileHead.head(conf, new Path(file)), StandardCharsets.UTF_8);
    String start = text.stripLeading();
    String fix = ": read it with --format json --multiline, or convert it to one object per line (jq -c '.[]' "
        + "FILE > FILE.jsonl for an array, jq -c . FILE for one object)";
    if (start.startsWith("[")) {
      throw new IllegalArgumentException(file + " is a JSON array, not JSON lines (one object per line)" + fix);
    }
    if (start.isEmpty() || !start.startsWith("{")) {
      return;  // blank, or not JSON at all: its rows are quarantined as malformed
    }
    String firstLine = start.lines().findFirst().orElse("");
    try {
      new ObjectMapper().readTree(firstLine);
    } catch (JsonProcessingException e) {
      if (start.length() > firstLine.length()) {  // the object goes on over the next lines
        throw new IllegalArgumentException(file + " is pretty-printed JSON (its first object spans several lines), "
            + "not JSON lines" + fix);
      }
    }
  }

  private static String examples(List<String> files) {
    List<String> names = files.stream().map(f -> new Path(f).getName()).limit(3).toList();
    return String.join(", ", names) + (files.size() > 3 ? " and " + (files.size() - 3) + " more" : "");
  }
}
