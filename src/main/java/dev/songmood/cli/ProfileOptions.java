package dev.songmood.cli;

import dev.songmood.profile.ProfileConfig;
import dev.songmood.profile.ProfileJob;
import dev.songmood.profile.ProfileResult;
import java.io.PrintStream;
import java.util.function.Supplier;
import org.apache.commons.cli.Options;
import org.apache.spark.sql.SparkSession;

/** {@code profile}: the EDA page and tables of any input the job reads. */
final class ProfileOptions implements Command {
  @Override
  public String name() { return "profile"; }

  @Override
  public String summary() { return "describe a data set: one HTML page with charts + the statistics as Parquet tables"; }

  @Override
  public Options options() {
    Options o = InputOptions.add(new Options(), true);
    o.addOption(SharedOptions.out("writes " + ProfileConfig.PAGE + " and " + ProfileConfig.TABLES_DIR + "/"));
    SharedOptions.help(o);
    return o;
  }

  @Override
  public void run(OptionValues v, Supplier<SparkSession> spark, PrintStream out) {
    ProfileConfig config = new ProfileConfig(InputOptions.parse(v), v.path("out"));
    new Preflight().input(config.input());
    ProfileResult r = ProfileJob.run(spark.get(), config);
    out.printf("profile of %,d rows, %d columns, %d alerts in %.1f s%npage: %s%ntables: %s%n",
        (long) r.profile().stat("overview", "rows"), r.profile().columns.size(), r.profile().alerts.size(),
        r.seconds(), r.page(), r.tablesDir());
  }
}
