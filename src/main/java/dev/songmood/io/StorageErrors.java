package dev.songmood.io;

import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;

/**
 * Turns a storage failure met before any work (wrong keys, a missing bucket, an unreachable endpoint) into a message
 * that says which and what to check. Messages are built from the exception's own text, which never holds keys.
 */
public final class StorageErrors {
  private StorageErrors() {
  }

  /** An {@link IllegalArgumentException} (exit 2: nothing was done) naming the path and the likely cause. */
  public static IllegalArgumentException before(String what, String path, Throwable e) {
    java.util.Optional<String> checksum = StaleChecksums.explain(e);
    if (checksum.isPresent()) {
      return new IllegalArgumentException(checksum.get(), e);
    }
    String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    return new IllegalArgumentException("cannot " + what + " " + path + ": " + hint(e) + " (" + first + ")", e);
  }

  static String hint(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String name = t.getClass().getSimpleName();
      String msg = String.valueOf(t.getMessage());
      if (t instanceof AccessDeniedException || msg.contains("403") || msg.contains("InvalidAccessKeyId")
          || msg.contains("SignatureDoesNotMatch")) {
        return "access denied: check the credentials (--s3-credentials, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)";
      }
      if (name.equals("UnknownStoreException") || msg.contains("NoSuchBucket") || msg.contains("does not exist")
          && msg.toLowerCase().contains("bucket")) {
        return "the bucket does not exist (S3A does not create buckets)";
      }
      if (t instanceof ConnectException || t instanceof UnknownHostException
          || msg.contains("Unable to execute HTTP request") || msg.contains("Connection refused")) {
        return "cannot reach the storage endpoint: check --s3-endpoint and the network";
      }
      if (t instanceof FileNotFoundException) {
        return "no such file or directory";
      }
    }
    return "storage error";
  }
}
