package dev.songmood;

import org.apache.spark.sql.SparkSession;

/** The shared test session, for tests that do not extend {@link SparkTestBase}. */
public final class SparkTestBaseAccess {
  private SparkTestBaseAccess() {
  }

  public static SparkSession session() {
    return SparkTestBase.session();
  }
}
