package dev.songmood.serve;

/**
 * A request the server answers with an error of its own, before the model sees it: the status, the {@code error}
 * reason and the {@code detail} of the JSON body. {@code close}: the body was not read to its end, so the connection
 * is closed after the answer rather than drained.
 */
final class Rejection extends Exception {
  private static final long serialVersionUID = 1L;

  final int status;
  final String reason;
  final boolean close;

  Rejection(int status, String reason, String detail, boolean close) {
    super(detail, null, false, false);
    this.status = status;
    this.reason = reason;
    this.close = close;
  }

  static Rejection badRequest(String reason, String detail) {
    return new Rejection(400, reason, detail, false);
  }
}
