package dev.songmood.fetch;

import java.io.Serializable;

/**
 * A provider's API key, read from an environment variable on the driver and carried to the executors inside the
 * fetching tasks. Never on the command line, in Spark's settings, a log line or a table: {@link #toString} hides it,
 * and only {@link #reveal} (used to build a request, never a message) gives it.
 */
public final class ApiKey implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final ApiKey NONE = new ApiKey(null);

  private final String value;

  private ApiKey(String value) {
    this.value = value;
  }

  public static ApiKey of(String value) {
    return value == null || value.isBlank() ? NONE : new ApiKey(value.trim());
  }

  /** The key in the environment variable {@code name}; {@link #NONE} when it is unset or blank. */
  public static ApiKey fromEnvironment(String name) {
    return of(System.getenv(name));
  }

  public boolean present() {
    return value != null;
  }

  String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return present() ? "ApiKey[hidden]" : "ApiKey[none]";
  }
}
