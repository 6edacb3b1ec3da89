package dev.songmood.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.ChildJvm;
import dev.songmood.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A {@code label} run in its own JVM with Spark's CSV sink configured the way a cluster would configure any sink
 * ({@code spark.metrics.conf.*}): the sink's files hold the run's counts, equal to its runs row, and its phase times.
 */
@Tag("slow")
class JobMetricsCsvSinkTest extends SparkTestBase {
  private static final String PREFIX = "songmood.label.";

  @Test
  void theCsvSinkReportsTheRunsCounts() throws Exception {
    Path out = tmp.resolve("out");
    Path csv = Files.createDirectories(tmp.resolve("metrics"));
    Map<String, String> conf = Map.of(
        "spark.metrics.conf.*.sink.csv.class", "org.apache.spark.metrics.sink.CsvSink",
        "spark.metrics.conf.*.sink.csv.directory", csv.toString(),
        "spark.metrics.conf.*.sink.csv.period", "1",
        "spark.metrics.conf.*.sink.csv.unit", "seconds");
    ChildJvm.Result run = ChildJvm.songmood(tmp.resolve("label.log"), conf, "label", "--input",
        "sample-data/catalog.jsonl", "--out", out.toString());
    assertEquals(0, run.exitCode(), run.output());

    Map<String, String> reported = new HashMap<>();
    try (Stream<Path> files = Files.list(csv)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        int at = name.indexOf(PREFIX);
        if (at >= 0 && name.endsWith(".csv")) {
          List<String> lines = Files.readAllLines(f);
          String last = lines.get(lines.size() - 1);
          reported.put(name.substring(at + PREFIX.length(), name.length() - ".csv".length()),
              last.substring(last.indexOf(',') + 1));
        }
      }
    }
    Row row = spark.read().format("delta").load(out.resolve("runs").toString()).first();
    for (String count : List.of("read", "labelled", "unchanged", "quarantined")) {
      assertEquals(String.valueOf(row.<Long>getAs(count)), reported.get("songs." + count), count + ": " + reported);
    }
    assertEquals("0", reported.get("songs.uncertain"));
    Map<String, Long> byReason = row.getJavaMap(row.fieldIndex("quarantined_by_reason"));
    assertTrue(!byReason.isEmpty(), "the sample catalog has rows to quarantine");
    byReason.forEach((reason, n) -> assertEquals(String.valueOf(n), reported.get("quarantined." + reason), reason));
    for (String phase : List.of("total", "model_load", "label", "predictions_commit")) {
      assertTrue(Double.parseDouble(reported.get("seconds." + phase)) > 0, phase + ": " + reported);
    }
  }
}
