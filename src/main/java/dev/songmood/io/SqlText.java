package dev.songmood.io;

/**
 * The only way a path or a name enters a SQL statement here: quoted as an identifier or as a string literal, so
 * that no character of it (a backtick, a quote, a backslash, a comment) can end the quoting and add SQL of its own.
 */
public final class SqlText {
  private SqlText() {
  }

  /** A back-quoted identifier, inner back-quotes doubled: {@code a`b} becomes {@code `a``b`}. */
  public static String identifier(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** A Delta table by path, as {@code delta.`PATH`}. */
  public static String deltaPath(String path) {
    return "delta." + identifier(path);
  }

  /** A single-quoted string literal, backslashes and quotes escaped as Spark SQL reads them. */
  public static String literal(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
