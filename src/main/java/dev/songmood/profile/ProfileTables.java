package dev.songmood.profile;

import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The statistics as Parquet tables under {@code tables/}: {@code stats} (section, name, value, approximate),
 * {@code columns}, {@code histograms}, {@code frequent} (kind: value, word_raw, word_clean, language, quadrant),
 * {@code correlations} and {@code alerts}. Each is small (aggregates) and written as one file.
 */
final class ProfileTables {
  private ProfileTables() {
  }

  static void write(SparkSession spark, Profile p, String dir) {
    table(spark, p.stats, s -> RowFactory.create(s.section(), s.name(), s.value(), s.approximate()),
        new StructType().add("section", DataTypes.StringType).add("name", DataTypes.StringType)
            .add("value", DataTypes.DoubleType).add("approximate", DataTypes.BooleanType), dir + "/stats");
    table(spark, p.columns, c -> RowFactory.create(c.name(), c.type(), c.nonNull(), c.missing(), c.distinct(),
            c.distinctApproximate(), c.min(), c.max(), c.mean(), c.stddev()),
        new StructType().add("column", DataTypes.StringType).add("type", DataTypes.StringType)
            .add("non_null", DataTypes.LongType).add("missing", DataTypes.LongType)
            .add("distinct", DataTypes.LongType).add("distinct_approximate", DataTypes.BooleanType)
            .add("min", DataTypes.DoubleType)
            .add("max", DataTypes.DoubleType).add("mean", DataTypes.DoubleType)
            .add("stddev", DataTypes.DoubleType), dir + "/columns");
    table(spark, p.bins, b -> RowFactory.create(b.column(), b.bin(), b.lower(), b.upper(), b.count()),
        new StructType().add("column", DataTypes.StringType).add("bin", DataTypes.IntegerType)
            .add("lower", DataTypes.DoubleType).add("upper", DataTypes.DoubleType)
            .add("count", DataTypes.LongType), dir + "/histograms");
    table(spark, p.frequent, f -> RowFactory.create(f.kind(), f.column(), f.rank(), f.value(), f.count(), f.share()),
        new StructType().add("kind", DataTypes.StringType).add("column", DataTypes.StringType)
            .add("rank", DataTypes.IntegerType).add("value", DataTypes.StringType)
            .add("count", DataTypes.LongType).add("share", DataTypes.DoubleType), dir + "/frequent");
    table(spark, p.correlations, r -> RowFactory.create(r.a(), r.b(), r.pearson()),
        new StructType().add("a", DataTypes.StringType).add("b", DataTypes.StringType)
            .add("pearson", DataTypes.DoubleType), dir + "/correlations");
    table(spark, p.alerts, a -> RowFactory.create(a.column(), a.alert(), a.detail()),
        new StructType().add("column", DataTypes.StringType).add("alert", DataTypes.StringType)
            .add("detail", DataTypes.StringType), dir + "/alerts");
  }

  private static <T> void table(SparkSession spark, List<T> items, Function<T, Row> row, StructType schema,
      String path) {
    spark.createDataFrame(items.stream().map(row).toList(), schema).coalesce(1).write().mode(SaveMode.ErrorIfExists)
        .parquet(path);
  }
}
