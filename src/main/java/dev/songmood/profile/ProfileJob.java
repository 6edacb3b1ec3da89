package dev.songmood.profile;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.corr;

import dev.songmood.input.Columns;
import dev.songmood.input.InputSpec;
import dev.songmood.io.HadoopFiles;
import dev.songmood.io.OutputPublisher;
import dev.songmood.runtime.RunId;
import dev.songmood.songs.CatalogReader;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code profile}: reads anything the job reads (a labelled set, a catalog, a Delta predictions table), measures the
 * lyrics once (cached, memory and disk), computes the statistics with Spark aggregations, and publishes
 * {@code out/profile.html} and {@code out/tables/} together.
 */
public final class ProfileJob {
  private static final Logger LOG = LoggerFactory.getLogger(ProfileJob.class);

  private ProfileJob() {
  }

  public static ProfileResult run(SparkSession spark, ProfileConfig config) {
    long start = System.nanoTime();
    Dataset<Row> input = read(spark, config.input());
    Columns names = config.input().columns();
    String id = names.id(input.schema()).orElse(null);
    String lyrics = names.lyrics(input.schema()).orElse(null);
    String valence = names.valence(input.schema()).orElse(null);
    String arousal = names.arousal(input.schema()).orElse(null);
    Profile p = new Profile(String.join(",", config.input().displayPaths()));

    LyricsMeasures.register(spark);
    Dataset<Row> measured = (lyrics == null ? input : TextStats.measure(input, lyrics))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> user = measured.select(input.columns().length == 0 ? new Column[0]
          : java.util.Arrays.stream(input.columns()).map(c -> col(ColumnStats.quote(c))).toArray(Column[]::new));
      List<String> numeric = new ArrayList<>(ColumnStats.profile(user, id, lyrics, p));
      if (lyrics != null) {
        TextStats.profile(measured, lyrics, p);
      }
      LabelStats.profile(user, valence, arousal, p);
      correlations(measured, numeric, lyrics != null, p);
      Alerts.derive(p);
    } finally {
      measured.unpersist();
    }
    String page = ProfilePage.render(p);
    HadoopFiles files = new HadoopFiles(spark);
    new OutputPublisher(files).publish(config.out(), RunId.next(), staging -> {
      ProfileTables.write(spark, p, staging + "/" + ProfileConfig.TABLES_DIR);
      files.writeText(staging + "/" + ProfileConfig.PAGE, page);
    });
    double seconds = (System.nanoTime() - start) / 1e9;
    LOG.info("profile: {} rows, {} columns, {} alerts in {} s", (long) p.stat("overview", "rows"), p.columns.size(),
        p.alerts.size(), String.format("%.1f", seconds));
    return new ProfileResult(p, config.out() + "/" + ProfileConfig.PAGE,
        config.out() + "/" + ProfileConfig.TABLES_DIR, seconds);
  }

  /** A Delta table as its current version; anything else through the catalog reader, without its bookkeeping. */
  static Dataset<Row> read(SparkSession spark, InputSpec input) {
    List<String> paths = input.paths();
    Dataset<Row> df;
    if (paths.size() == 1 && new HadoopFiles(spark).exists(paths.get(0) + "/_delta_log")
        && DeltaTable.isDeltaTable(spark, paths.get(0))) {
      df = spark.read().format("delta").load(paths.get(0));
    } else {
      df = new CatalogReader(spark).read(paths, input.format(), input.read());
      if (input.limit() > 0) {
        df = df.orderBy(CatalogReader.ROW_COLUMN).limit(input.limit());
      }
      return df.drop(CatalogReader.ROW_COLUMN, CatalogReader.CORRUPT_COLUMN);
    }
    return input.limit() > 0 ? df.limit(input.limit()) : df;
  }

  /** Pearson r of every pair of numeric columns and lyrics lengths, in one aggregation. */
  private static void correlations(Dataset<Row> measured, List<String> numeric, boolean lyrics, Profile p) {
    List<String[]> columns = new ArrayList<>();
    numeric.forEach(n -> columns.add(new String[] {n, ColumnStats.quote(n)}));
    if (lyrics) {
      columns.add(new String[] {TextStats.CHARS, TextStats.CHARS_COL});
      columns.add(new String[] {TextStats.WORDS, TextStats.WORDS_COL});
      columns.add(new String[] {TextStats.TOKENS, TextStats.TOKENS_COL});
    }
    List<Column> pairs = new ArrayList<>();
    List<String[]> names = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      for (int j = i + 1; j < columns.size(); j++) {
        pairs.add(corr(col(columns.get(i)[1]).cast("double"), col(columns.get(j)[1]).cast("double")));
        names.add(new String[] {columns.get(i)[0], columns.get(j)[0]});
      }
    }
    if (pairs.isEmpty()) {
      return;
    }
    Row r = measured.agg(pairs.get(0), pairs.subList(1, pairs.size()).toArray(new Column[0])).first();
    for (int k = 0; k < names.size(); k++) {
      if (!r.isNullAt(k) && Double.isFinite(r.getDouble(k))) {
        p.correlations.add(new Profile.Correlation(names.get(k)[0], names.get(k)[1], r.getDouble(k)));
      }
    }
  }
}
