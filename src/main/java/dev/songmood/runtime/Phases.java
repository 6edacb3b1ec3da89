package dev.songmood.runtime;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where a run's wall time goes, phase by phase, for the log line that answers "why did a night with nothing to do
 * take 30 s?": the JVM and Spark session before the job, then each phase the job names (model load, table opens,
 * run records, commits...). Phases with the same name add up.
 */
public final class Phases {
  /** Seconds from the JVM's start to its first job's start, once a job has started; -1 before. */
  private static double startup = -1;

  private final Map<String, Double> seconds = new LinkedHashMap<>();

  /**
   * Starts with the time the JVM ran before the job: the JVM's own start and the Spark session (see cli.Main) as
   * {@code startup}, and, when other jobs ran in this JVM first ({@code demo} runs prepare and train before label),
   * their time as {@code earlier jobs}.
   */
  public static Phases sinceJvmStart() {
    double uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
    double before;
    synchronized (Phases.class) {
      if (startup < 0) {
        startup = uptime;
      }
      before = startup;
    }
    Phases phases = new Phases();
    phases.add("startup", before);
    if (uptime > before) {
      phases.add("earlier jobs", uptime - before);
    }
    return phases;
  }

  /** Runs {@code work} and adds its wall time to {@code phase}. */
  public <T> T time(String phase, Supplier<T> work) {
    long start = System.nanoTime();
    try {
      return work.get();
    } finally {
      add(phase, (System.nanoTime() - start) / 1e9);
    }
  }

  /** As {@link #time(String, Supplier)}, for work with no result. */
  public void time(String phase, Runnable work) {
    time(phase, () -> {
      work.run();
      return null;
    });
  }

  public void add(String phase, double s) {
    seconds.merge(phase, s, Double::sum);
  }

  public double seconds(String phase) {
    return seconds.getOrDefault(phase, 0.0);
  }

  /** Seconds by phase, in the order the phases first ran. */
  public Map<String, Double> asMap() {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(seconds));
  }

  public double total() {
    return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** "startup 4.1 s, model load 1.2 s, ...", in the order the phases first ran. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    seconds.forEach((name, v) -> s.append(s.length() == 0 ? "" : ", ").append(name)
        .append(String.format(java.util.Locale.ROOT, " %.1f s", v)));
    return s.toString();
  }

  /** Seconds since {@code nanoTime} (a {@link System#nanoTime} reading). */
  public static double secondsSince(long nanoTime) {
    return (System.nanoTime() - nanoTime) / 1e9;
  }

  /** Seconds (or a rate) as log lines show them: one decimal. */
  public static String tenths(double value) {
    return String.format(java.util.Locale.ROOT, "%.1f", value);
  }
}
