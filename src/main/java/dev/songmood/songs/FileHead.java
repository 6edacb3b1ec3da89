package dev.songmood.songs;

import dev.songmood.input.ReadOptions;
import dev.songmood.io.StorageErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.security.AccessControlException;

/** The first bytes of an input file, and what they say: Parquet or text, the charset, the CSV delimiter. */
final class FileHead {
  static final byte[] PARQUET_MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

  private FileHead() {
  }

  /** Up to {@link ReadOptions#SNIFF_BYTES} first bytes of a file, decompressed when its suffix names a codec. */
  static byte[] head(Configuration conf, Path file) {
    try {
      FileSystem fs = file.getFileSystem(conf);
      CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(file);
      try (InputStream raw = fs.open(file);
          InputStream in = codec == null ? raw : codec.createInputStream(raw)) {
        return in.readNBytes(ReadOptions.SNIFF_BYTES);
      }
    } catch (AccessControlException e) {
      throw new IllegalArgumentException("cannot read " + file + ": permission denied", e);
    } catch (IOException e) {
      throw StorageErrors.before("read", file.toString(), e);
    }
  }

  /** A byte-order mark, or UTF-16's zero bytes; null for UTF-8 (and a UTF-8 BOM, which Spark skips). */
  static String charsetOf(byte[] head) {
    if (head.length >= 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe
        || head.length >= 2 && (head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff) {
      return "UTF-16";
    }
    int even = 0;
    int odd = 0;
    int n = Math.min(head.length, 4096) & ~1;
    for (int i = 0; i < n; i += 2) {
      even += head[i] == 0 ? 1 : 0;
      odd += head[i + 1] == 0 ? 1 : 0;
    }
    if (n >= 8 && odd > n / 4 && even == 0) {
      return "UTF-16LE";
    }
    if (n >= 8 && even > n / 4 && odd == 0) {
      return "UTF-16BE";
    }
    return null;
  }

  /** The candidate that splits the header line into the most fields (outside quotes); the comma wins ties. */
  static String delimiterOf(String text) {
    String header = text.lines().findFirst().orElse("");
    char best = ',';
    int bestCount = -1;
    for (char c : ReadOptions.DELIMITER_CANDIDATES.toCharArray()) {
      int count = 0;
      boolean quoted = false;
      for (int i = 0; i < header.length(); i++) {
        char h = header.charAt(i);
        quoted = h == '"' ? !quoted : quoted;
        count += !quoted && h == c ? 1 : 0;
      }
      if (count > bestCount) {
        best = c;
        bestCount = count;
      }
    }
    return String.valueOf(best);
  }

  static String guess(byte[] head) {
    String text = new String(head, StandardCharsets.UTF_8).stripLeading();
    if (text.startsWith("{") || text.startsWith("[")) {
      return "JSON text";
    }
    return text.chars().limit(512).allMatch(c -> c >= 32 || c == '\n' || c == '\r' || c == '\t')
        ? "CSV or other text" : "binary data of another format";
  }

  static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length && Arrays.equals(Arrays.copyOf(bytes, prefix.length), prefix);
  }
}
