package dev.songmood.cli;

import dev.songmood.label.LabelConfig;
import dev.songmood.label.RestoreConfig;
import dev.songmood.label.RestoreJob;
import dev.songmood.label.RestoreResult;
import dev.songmood.tables.TableRestore;
import java.io.PrintStream;
import java.util.function.Supplier;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.spark.sql.SparkSession;

/** {@code restore}: roll label's tables back to their versions before a run (Delta RESTORE). */
final class RestoreOptions implements Command {
  @Override
  public String name() { return "restore"; }

  @Override
  public String summary() {
    return "roll label's predictions and quarantine tables back to before a run (Delta RESTORE), e.g. a bad model's";
  }

  @Override
  public Options options() {
    Options o = new Options();
    o.addOption(SharedOptions.out("the tables' directory label wrote (predictions/, quarantine/, runs/)"));
    o.addOption(Option.builder().longOpt("before-run").hasArg().argName("RUN_ID")
        .desc("restore the tables as they were before this run (a run_id of the runs table); later runs are undone "
            + "too").build());
    o.addOption(Option.builder().longOpt("to-version").hasArg().argName("N")
        .desc("instead: the predictions table's version N (DESCRIBE HISTORY), quarantine as it was until "
            + "predictions' next commit").build());
    o.addOption(Option.builder().longOpt("lock-stale-after").hasArg().argName("SECONDS")
        .desc("take over the lock of a run on --out that gave no heartbeat for this long: a killed run (default "
            + LabelConfig.LOCK_STALE_SECONDS + ")").build());
    SharedOptions.help(o);
    return o;
  }

  @Override
  public void run(OptionValues v, Supplier<SparkSession> spark, PrintStream out) {
    String dir = v.path("out");
    String beforeRun = v.string("before-run", null);
    long toVersion = v.longValue("to-version", -1);
    if (v.flag("to-version") && toVersion < 0) {
      throw new UsageException("--to-version must be 0 or more, got " + toVersion);
    }
    if ((beforeRun == null) == !v.flag("to-version")) {
      throw new UsageException("give exactly one of --before-run RUN_ID and --to-version N");
    }
    RestoreConfig config = new RestoreConfig(dir, beforeRun, toVersion,
        v.integer("lock-stale-after", LabelConfig.LOCK_STALE_SECONDS, 6));
    Preflight preflight = new Preflight().unlocked(config.out(), config.lockStaleSeconds());
    preflight.table(config.out() + "/" + LabelConfig.PREDICTIONS_DIR);
    RestoreResult r = RestoreJob.run(spark.get(), config);
    out.printf("restore %s: predictions %s, quarantine %s; model versions now: %s%n"
        + "the next label night relabels every song changed since (restore --before-run %s undoes this one)%n",
        r.runId(), describe(r.predictions()), describe(r.quarantine()), r.modelVersions(), r.runId());
  }

  private static String describe(TableRestore.Restored t) {
    if (!t.changed()) {
      return "already at version " + t.to();
    }
    return "version " + t.from() + " -> " + (t.to() < 0 ? "empty (before its first commit)" : "version " + t.to())
        + " (committed as version " + t.now() + ")";
  }
}
