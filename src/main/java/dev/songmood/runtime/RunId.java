package dev.songmood.runtime;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/** Run ids: UTC time to the second plus a random suffix, sortable and unique enough for nightly runs. */
public final class RunId {
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private RunId() {
  }

  public static String next() {
    return ZonedDateTime.now(ZoneOffset.UTC).format(FORMAT) + "-"
        + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
  }
}
