package dev.songmood.evaluate;

import dev.songmood.Quadrant;
import dev.songmood.charts.ClassBalanceChart;
import dev.songmood.charts.ConfusionMatrixChart;
import dev.songmood.charts.CoverageChart;
import dev.songmood.charts.ReliabilityChart;
import dev.songmood.io.HadoopFiles;
import dev.songmood.io.OutputPublisher;
import dev.songmood.metrics.CalibrationMetrics;
import dev.songmood.metrics.ClassificationReport;
import dev.songmood.metrics.CoverageMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a {@link Report} as one directory: Parquet tables for analysts ({@code summary}, {@code per_class},
 * {@code confusion}, {@code trials}, {@code calibration}, {@code coverage}), a readable {@code report.md}, and
 * pictures ({@code confusion_matrix.png}, {@code class_balance.png}, {@code reliability.png}, {@code coverage.png}). The directory is published whole, so a failed run leaves the previous report.
 */
public final class ReportWriter {
  public static final String MARKDOWN = "report.md";
  public static final String CONFUSION_PNG = "confusion_matrix.png";
  public static final String BALANCE_PNG = "class_balance.png";
  public static final String RELIABILITY_PNG = "reliability.png";
  public static final String COVERAGE_PNG = "coverage.png";
  /** The Parquet tables of a report directory, by their directory names. */
  public static final List<String> TABLES = List.of("summary", "per_class", "confusion", "trials", "calibration",
      "coverage");

  private final SparkSession spark;
  private final HadoopFiles files;

  public ReportWriter(SparkSession spark) {
    this.spark = spark;
    this.files = new HadoopFiles(spark);
  }

  public void write(Report report, String dir, String runId) {
    new OutputPublisher(files).publish(dir, runId, staging -> writeTo(report, staging));
  }

  private void writeTo(Report report, String dir) {
    table(summaryRows(report), summarySchema(), dir + "/summary");
    table(perClassRows(report), perClassSchema(), dir + "/per_class");
    table(confusionRows(report.model()), confusionSchema(), dir + "/confusion");
    table(trialRows(report.trials()), trialSchema(), dir + "/trials");
    table(calibrationRows(report.calibration()), calibrationSchema(), dir + "/calibration");
    table(coverageRows(report.coverage()), coverageSchema(), dir + "/coverage");
    List<String> names = Quadrant.names();
    files.write(dir + "/" + CONFUSION_PNG, ConfusionMatrixChart.png(report.model().confusion(), names,
        "Confusion matrix"));
    files.write(dir + "/" + BALANCE_PNG, ClassBalanceChart.png(report.model().supports(), "actual",
        report.model().predictedCounts(), "predicted", names, "Class balance: actual vs predicted"));
    if (!report.calibration().isEmpty()) {
      files.write(dir + "/" + RELIABILITY_PNG, reliability(report.calibration()));
    }
    if (!report.coverage().levels().isEmpty()) {
      files.write(dir + "/" + COVERAGE_PNG, coverage(report.coverage()));
    }
    files.writeText(dir + "/" + MARKDOWN, MarkdownReport.render(report));
  }

  /** The reliability diagram of the report's calibration series, each series' ECE in the subtitle. */
  static byte[] reliability(Map<String, CalibrationMetrics.Result> calibration) {
    List<ReliabilityChart.Series> series = new ArrayList<>();
    List<String> eces = new ArrayList<>();
    calibration.forEach((name, r) -> {
      series.add(new ReliabilityChart.Series(name, r.bins().stream().mapToLong(CalibrationMetrics.Bin::count)
          .toArray(), r.bins().stream().mapToDouble(CalibrationMetrics.Bin::accuracy).toArray()));
      eces.add(name + " ECE " + MarkdownReport.f(r.ece()));
    });
    long songs = calibration.values().iterator().next().total();
    return ReliabilityChart.png(series, "Reliability: accuracy by confidence", String.join(", ", eces) + " ("
        + songs + " songs, bars labelled with their songs)");
  }

  /** The coverage curve, each point at the share of songs its threshold actually keeps. */
  static byte[] coverage(CoverageMetrics.Result coverage) {
    List<CoverageChart.Point> points = coverage.levels().stream().map(l -> new CoverageChart.Point(
        l.keptShare(coverage.total()), l.accuracy(), l.macroF1(), l.threshold())).toList();
    return CoverageChart.png(points, "Accuracy at coverage: the most confident songs", coverage.total()
        + " songs; each point labelled with the confidence threshold that keeps them");
  }

  private void table(List<Row> rows, StructType schema, String path) {
    spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.ErrorIfExists).parquet(path);
  }

  /** The evaluated model first, then each baseline, one row each. */
  private static Map<String, ClassificationReport> all(Report report) {
    Map<String, ClassificationReport> all = new LinkedHashMap<>();
    all.put("model", report.model());
    all.putAll(report.baselines());
    return all;
  }

  private static StructType summarySchema() {
    return new StructType()
        .add("model", DataTypes.StringType).add("model_version", DataTypes.StringType)
        .add("dataset", DataTypes.StringType).add("songs", DataTypes.LongType)
        .add("accuracy", DataTypes.DoubleType).add("macro_precision", DataTypes.DoubleType)
        .add("macro_recall", DataTypes.DoubleType).add("macro_f1", DataTypes.DoubleType)
        .add("weighted_f1", DataTypes.DoubleType);
  }

  private static List<Row> summaryRows(Report report) {
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, ClassificationReport> e : all(report).entrySet()) {
      ClassificationReport r = e.getValue();
      rows.add(RowFactory.create(e.getKey(), report.context().get("model_version"), report.context().get("dataset"),
          r.total(), r.accuracy(), r.macroPrecision(), r.macroRecall(), r.macroF1(), r.weightedF1()));
    }
    return rows;
  }

  private static StructType perClassSchema() {
    return new StructType()
        .add("model", DataTypes.StringType).add("quadrant", DataTypes.IntegerType)
        .add("quadrant_name", DataTypes.StringType).add("precision", DataTypes.DoubleType)
        .add("recall", DataTypes.DoubleType).add("f1", DataTypes.DoubleType).add("support", DataTypes.LongType);
  }

  private static List<Row> perClassRows(Report report) {
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, ClassificationReport> e : all(report).entrySet()) {
      ClassificationReport r = e.getValue();
      for (Quadrant q : Quadrant.values()) {
        int k = q.id();
        rows.add(RowFactory.create(e.getKey(), k, q.name(), r.precision(k), r.recall(k), r.f1(k), r.support(k)));
      }
    }
    return rows;
  }

  private static StructType confusionSchema() {
    return new StructType()
        .add("actual", DataTypes.IntegerType).add("actual_name", DataTypes.StringType)
        .add("predicted", DataTypes.IntegerType).add("predicted_name", DataTypes.StringType)
        .add("count", DataTypes.LongType);
  }

  private static List<Row> confusionRows(ClassificationReport r) {
    List<Row> rows = new ArrayList<>();
    long[][] c = r.confusion();
    for (Quadrant a : Quadrant.values()) {
      for (Quadrant p : Quadrant.values()) {
        rows.add(RowFactory.create(a.id(), a.name(), p.id(), p.name(), c[a.id()][p.id()]));
      }
    }
    return rows;
  }

  private static StructType calibrationSchema() {
    return new StructType()
        .add("series", DataTypes.StringType).add("bin", DataTypes.IntegerType)
        .add("lower", DataTypes.DoubleType).add("upper", DataTypes.DoubleType).add("songs", DataTypes.LongType)
        .add("mean_confidence", DataTypes.DoubleType).add("accuracy", DataTypes.DoubleType)
        .add("ece", DataTypes.DoubleType).add("nll", DataTypes.DoubleType);
  }

  private static List<Row> calibrationRows(Map<String, CalibrationMetrics.Result> calibration) {
    List<Row> rows = new ArrayList<>();
    calibration.forEach((name, r) -> {
      for (int b = 0; b < r.bins().size(); b++) {
        CalibrationMetrics.Bin bin = r.bins().get(b);
        rows.add(RowFactory.create(name, b, bin.lower(), bin.upper(), bin.count(), bin.meanConfidence(),
            bin.accuracy(), r.ece(), r.nll()));
      }
    });
    return rows;
  }

  private static StructType coverageSchema() {
    return new StructType()
        .add("coverage", DataTypes.DoubleType).add("songs", DataTypes.LongType)
        .add("threshold", DataTypes.DoubleType).add("accuracy", DataTypes.DoubleType)
        .add("macro_f1", DataTypes.DoubleType).add("total_songs", DataTypes.LongType);
  }

  private static List<Row> coverageRows(CoverageMetrics.Result coverage) {
    return coverage.levels().stream().map(l -> RowFactory.create(l.coverage(), l.songs(), l.threshold(),
        l.accuracy(), l.macroF1(), coverage.total())).toList();
  }

  private static StructType trialSchema() {
    return new StructType()
        .add("trial", DataTypes.IntegerType)
        .add("params", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
        .add("validation_macro_f1", DataTypes.DoubleType).add("validation_accuracy", DataTypes.DoubleType)
        .add("folds", DataTypes.IntegerType).add("seconds", DataTypes.DoubleType);
  }

  private static List<Row> trialRows(List<Trial> trials) {
    List<Row> rows = new ArrayList<>();
    for (Trial t : trials) {
      Map<String, String> params = new LinkedHashMap<>();
      t.params().forEach((k, v) -> params.put(k, String.valueOf(v)));
      rows.add(RowFactory.create(t.number(), params, t.macroF1(), t.accuracy(), t.folds(), t.seconds()));
    }
    return rows;
  }
}
