package dev.songmood.cli;

/** A bad command line: the message is shown with the subcommand's usage, and the exit code is 2. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
