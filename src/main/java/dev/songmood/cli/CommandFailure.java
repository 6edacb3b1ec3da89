package dev.songmood.cli;

/**
 * A command that ran but must exit non-zero (1 unless said otherwise), with a one-line reason and no stack trace
 * (e.g. {@code predict --strict}; {@code playlist} exits 3 when it falls short).
 */
final class CommandFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  CommandFailure(String message) {
    this(message, 1);
  }

  CommandFailure(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
