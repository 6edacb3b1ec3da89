package dev.songmood.tables;

import dev.songmood.io.SqlText;
import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * Names for the job's output tables in the Spark catalog ({@code --database}), so that analysts write
 * {@code SELECT mood, count(*) FROM songmood.predictions GROUP BY mood} in whatever Spark SQL front end their
 * platform offers. The tables are external: the paths stay the source of truth, a name only points at one, and
 * dropping a name deletes nothing. Registering is idempotent; a name that points elsewhere (another {@code --out})
 * is moved to the new path, with a log line.
 *
 * <p>Names outlive the run only in a persistent catalog: the platform's Hive metastore on a cluster, the embedded
 * one {@code submit.sh} gives local runs with {@code --database}. In Spark's in-memory catalog they last for the
 * session, and a warning says so.
 */
public final class TableRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(TableRegistry.class);
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** A table's files: where and in which format ({@code delta} or {@code parquet}). */
  public record Location(String path, String format) {
  }

  private TableRegistry() {
  }

  /** Fails with an {@link IllegalArgumentException} when {@code name} cannot be a database or table name. */
  public static String requireName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a database name (letters, digits and _, not starting with a digit): "
          + name);
    }
    return name;
  }

  /** Creates the database when missing and points each name at its location. */
  public static void register(SparkSession spark, String database, Map<String, Location> tables) {
    requireName(database);
    if ("in-memory".equals(spark.conf().get("spark.sql.catalogImplementation", "in-memory"))) {
      LOG.warn("--database {}: this Spark session's catalog is in memory, so the names last only as long as the "
          + "session; use a metastore (spark.sql.catalogImplementation=hive, as submit.sh sets for --database)",
          database);
    }
    spark.sql("CREATE DATABASE IF NOT EXISTS " + SqlText.identifier(database));
    for (Map.Entry<String, Location> t : tables.entrySet()) {
      String name = SqlText.identifier(database) + "." + SqlText.identifier(requireName(t.getKey()));
      Location where = t.getValue();
      CatalogTable existing = existing(spark, database, t.getKey());
      if (existing != null) {
        if (same(existing.location(), where.path())) {
          continue;
        }
        LOG.info("--database: {} pointed at {}; now at {}", name, existing.location(), where.path());
        spark.sql("DROP TABLE " + name);  // external: the files stay
      }
      spark.sql("CREATE TABLE " + name + " USING " + SqlText.identifier(where.format()) + " LOCATION "
          + SqlText.literal(where.path()));
      LOG.info("--database: {} -> {} ({})", name, where.path(), where.format());
    }
  }

  /** The same place: paths equal, and scheme and authority too where the given path names them. */
  private static boolean same(URI registered, String path) {
    URI wanted = new org.apache.hadoop.fs.Path(path).toUri();
    return registered.getPath().equals(wanted.getPath())
        && (wanted.getScheme() == null || wanted.getScheme().equals(registered.getScheme()))
        && (wanted.getAuthority() == null || wanted.getAuthority().equals(registered.getAuthority()));
  }

  private static CatalogTable existing(SparkSession spark, String database, String table) {
    TableIdentifier id = new TableIdentifier(table, Option.apply(database));
    if (!spark.sessionState().catalog().tableExists(id)) {
      return null;
    }
    try {
      return spark.sessionState().catalog().getTableMetadata(id);
    } catch (org.apache.spark.sql.AnalysisException e) {  // dropped in between
      return null;
    }
  }
}
