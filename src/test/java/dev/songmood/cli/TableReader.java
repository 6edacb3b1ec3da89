package dev.songmood.cli;

import org.apache.spark.sql.SparkSession;

/**
 * For the ITs, which run the job in other JVMs through submit.sh: one small local Spark in the test JVM that reads
 * the job's Delta tables, as an analyst would.
 */
final class TableReader {
  private TableReader() {
  }

  static SparkSession session(String name) {
    return SparkSession.builder().master("local[1]").appName(name)
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .getOrCreate();
  }
}
