package dev.songmood.monitor;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import dev.songmood.runtime.Phases;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkEnv;
import org.apache.spark.metrics.source.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job's metrics source ({@code songmood.label}, {@code songmood.train}, {@code songmood.fetch-lyrics}) in the
 * driver's Spark metrics system, as Dropwizard gauges: {@code songs.<count>} (read, labelled, unchanged,
 * quarantined...: the run's counts, the numbers of its runs row), {@code quarantined.<reason>} and
 * {@code seconds.<phase>} ({@link Phases}; {@code seconds.total}). A sink reports them as
 * {@code <app id>.driver.songmood.<job>.<name>}. Gauges read empty (null) until the run has its values, and keep the
 * last run's until the next run of the job in this JVM starts.
 *
 * <p>Spark's {@code Source} trait is {@code private[spark]} in Scala only: in bytecode it is a public interface, and
 * {@code SparkEnv.get().metricsSystem().registerSource} is how code outside Spark adds one (as Delta and Spark NLP
 * do). The source is registered once per job and Spark environment; later gauges (a new quarantine reason) reach the
 * sinks through Dropwizard's nested registries.
 */
public final class JobMetrics implements Source {
  private static final Logger LOG = LoggerFactory.getLogger(JobMetrics.class);
  private static final Map<String, JobMetrics> REGISTERED = new ConcurrentHashMap<>();
  /** The counts every label run has, registered up front so that a sink lists them from the first report. */
  public static final List<String> LABEL_COUNTS = List.of("read", "labelled", "unchanged", "quarantined", "removed",
      "uncertain");

  private final String job;
  private final SparkEnv env;
  private final MetricRegistry registry = new MetricRegistry();
  private final Map<String, Number> values = new ConcurrentHashMap<>();

  private JobMetrics(String job, SparkEnv env) {
    this.job = job;
    this.env = env;
  }

  /**
   * The source of {@code job} in this JVM's Spark metrics system, its values cleared for a new run; a source that
   * registers nowhere (no Spark environment) when there is none.
   */
  public static JobMetrics start(String job, List<String> counts) {
    SparkEnv env = SparkEnv.get();
    JobMetrics metrics = REGISTERED.compute(job, (k, old) -> old != null && old.env == env ? old
        : new JobMetrics(job, env));
    metrics.values.clear();
    counts.forEach(c -> metrics.gauge("songs." + c));
    if (env != null && !metrics.registered()) {
      env.metricsSystem().registerSource(metrics);
      LOG.debug("metrics: source {} registered", metrics.sourceName());
    }
    return metrics;
  }

  private boolean registered() {
    return env.metricsSystem().getSourcesByName(sourceName()).nonEmpty();
  }

  @Override
  public String sourceName() {
    return "songmood." + job;
  }

  @Override
  public MetricRegistry metricRegistry() {
    return registry;
  }

  /**
   * A run's counts: {@code quarantined_<reason>} as {@code quarantined.<reason>}, the rest as {@code songs.<name>}.
   * The count of uncertain songs is 0 until the run's counts carry an {@code uncertain} entry.
   */
  public void counts(Map<String, Long> counts) {
    counts.forEach((name, v) -> set(name.startsWith("quarantined_")
        ? "quarantined." + name.substring("quarantined_".length()) : "songs." + name, v));
    if (registry.getGauges().containsKey("songs.uncertain") && !counts.containsKey("uncertain")) {
      set("songs.uncertain", 0L);  // hook: the uncertain flag's count replaces this 0 when label counts it
    }
  }

  /**
   * The run's end: seconds per phase ({@code seconds.model_load}...) and {@code seconds.total}, then
   * {@link #report}.
   */
  public void finish(Phases phases) {
    phases.asMap().forEach(this::seconds);
    finish(phases.total());
  }

  /** The run's end for a job that times no phases: {@code seconds.total}, then {@link #report}. */
  public void finish(double totalSeconds) {
    seconds("total", totalSeconds);
    report();
  }

  /**
   * Has every sink report now: a run shorter than a sink's period (a quiet night takes seconds) still reaches it, as
   * the executors and the driver's own shutdown do for Spark's metrics.
   */
  public void report() {
    if (env != null) {
      env.metricsSystem().report();
    }
  }

  public void seconds(String phase, double s) {
    set("seconds." + phase.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_"), s);
  }

  public void set(String name, Number value) {
    gauge(name);
    values.put(name, value);
  }

  /** The value a sink reports for {@code name} now; null before the run set it. */
  public Number value(String name) {
    return values.get(name);
  }

  private synchronized void gauge(String name) {
    if (!registry.getGauges().containsKey(name)) {
      registry.register(name, (Gauge<Number>) () -> values.get(name));
    }
  }
}
