package dev.songmood.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;

/** Typed getters over a parsed command line that turn bad values into {@link UsageException}s naming the option. */
final class OptionValues {
  private final CommandLine line;

  OptionValues(CommandLine line) {
    this.line = line;
  }

  String string(String name, String fallback) {
    return line.getOptionValue(name, fallback);
  }

  String required(String name) {
    String v = line.getOptionValue(name);
    if (v == null || v.isBlank()) {
      throw new UsageException("--" + name + " is required");
    }
    return v;
  }

  /** A required path, made absolute when it is a local one ({@link #absolute}). */
  String path(String name) {
    return absolute(required(name));
  }

  /**
   * A local path made absolute against the working directory (Delta's {@code delta.`path`} and executors on other
   * machines need it); a URI with a scheme ({@code s3a://}, {@code file:/}, {@code hdfs://}) is left as it is.
   */
  static String absolute(String path) {
    if (path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:/.*")) {
      return path;
    }
    return java.nio.file.Path.of(path).toAbsolutePath().normalize().toString();
  }

  String[] values(String name) {
    String[] v = line.getOptionValues(name);
    return v == null ? new String[0] : v;
  }

  /** The words after the options ({@link Command#takesArguments}). */
  List<String> arguments() {
    return line.getArgList();
  }

  boolean flag(String name) {
    return line.hasOption(name);
  }

  int integer(String name, int fallback, int min) {
    String v = line.getOptionValue(name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < min) {
        throw new UsageException("--" + name + " must be at least " + min + ", got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be an integer, got '" + v + "'");
    }
  }

  double doubleValue(String name, double fallback) {
    String v = line.getOptionValue(name);
    try {
      return v == null ? fallback : Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a number, got '" + v + "'");
    }
  }

  long longValue(String name, long fallback) {
    String v = line.getOptionValue(name);
    try {
      return v == null ? fallback : Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be an integer, got '" + v + "'");
    }
  }

  List<Integer> integers(String name, List<Integer> fallback) {
    return list(name, fallback, Integer::parseInt, "integers");
  }

  List<String> strings(String name, List<String> fallback) {
    return list(name, fallback, s -> s, "names");
  }

  List<Double> doubles(String name, List<Double> fallback) {
    return list(name, fallback, Double::parseDouble, "numbers");
  }

  /** A comma-separated option; a part that does not parse names the option and the whole value. */
  private <T> List<T> list(String name, List<T> fallback, java.util.function.Function<String, T> parse, String kind) {
    String v = line.getOptionValue(name);
    if (v == null) {
      return fallback;
    }
    List<T> out = new ArrayList<>();
    for (String part : v.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      try {
        out.add(parse.apply(part.trim()));
      } catch (NumberFormatException e) {
        throw new UsageException("--" + name + " must be comma-separated " + kind + ", got '" + v + "'");
      }
    }
    return out;
  }
}
