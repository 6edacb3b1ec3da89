package dev.songmood.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's memory as Linux reports it in /proc/self/status (native memory included); -1 elsewhere. */
public final class ProcessMemory {
  private ProcessMemory() {}

  /** A /proc/self/status field in KiB, e.g. "VmRSS" (resident now) or "VmHWM" (peak); -1 where it is missing. */
  public static long statusKb(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("\\D+", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }

  /** Resident memory in MiB, -1 where unknown. */
  public static long residentMib() {
    long kb = statusKb("VmRSS");
    return kb < 0 ? -1 : kb / 1024;
  }
}
