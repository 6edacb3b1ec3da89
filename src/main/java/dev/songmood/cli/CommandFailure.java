package dev.songmood.cli;

/** A command that ran but must exit 1, with a one-line reason and no stack trace (e.g. {@code predict --strict}). */
final class CommandFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CommandFailure(String message) {
    super(message);
  }
}
