package dev.songmood.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.metrics.CoverageMetrics;
import dev.songmood.metrics.CoverageMetricsTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The provenance's coverage table written, saved as JSON, read back, and the thresholds read from it. */
class CoverageTableTest {
  @Test
  void readsTheThresholdOfACoverageFromTheSavedTable() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("model_version", "m1");
    fields.put(CoverageTable.FIELD, CoverageMetrics.of(CoverageMetricsTest.CONFIDENCE, CoverageMetricsTest.PREDICTED,
        CoverageMetricsTest.TRUTH).provenance("validation"));
    String json = new Provenance(fields).toJson();
    assertTrue(json.contains("\"split\" : \"validation\""), json);
    CoverageTable table = CoverageTable.of(Provenance.fromJson(json)).orElseThrow();
    assertEquals("validation", table.split());
    assertEquals(8, table.songs());
    assertEquals(5, table.rows().size());
    assertEquals(7.0 / 12, table.rows().get(2).macroF1(), 1e-12);
    // rows: 0.1 -> 0.9, 0.25 -> 0.8, 0.5 -> 0.6, 0.75 -> 0.5, 1.0 -> 0.3
    assertEquals(0.9, table.threshold(0.1), 1e-12);
    assertEquals(0.6, table.threshold(0.5), 1e-12);
    assertEquals(0.7, table.threshold(0.375), 1e-12, "halfway between 0.25 (0.8) and 0.5 (0.6)");
    assertEquals(0.55, table.threshold(0.625), 1e-12, "halfway between 0.5 (0.6) and 0.75 (0.5)");
    assertEquals(0.3 + 0.2 * 0.04 / 0.25, table.threshold(0.96), 1e-12);
    assertEquals(0.0, table.threshold(1.0), "every song kept: no threshold");
    assertThrows(IllegalArgumentException.class, () -> table.threshold(0.05));
    assertThrows(IllegalArgumentException.class, () -> table.threshold(1.5));
    assertThrows(IllegalArgumentException.class, () -> table.threshold(Double.NaN));
  }

  @Test
  void aModelWithoutTheTableHasNone() {
    assertTrue(CoverageTable.of(new Provenance(Map.of("model_version", "old"))).isEmpty());
    assertThrows(IllegalArgumentException.class, () -> CoverageTable.of(new Provenance(Map.of("model_version", "x",
        CoverageTable.FIELD, Map.of("rows", "not a list")))));
  }
}
