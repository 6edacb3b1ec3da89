package dev.songmood.playlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.model.Provenance;
import org.junit.jupiter.api.Test;

/** Which of a model's records gives the playlist's threshold. */
class ConfidenceThresholdTest {
  @Test
  void coverageRowFirstThenCalibratedAccuracyThenNothing() {
    Provenance both = Provenance.fromJson("{\"model_version\":\"v\",\"coverage\":{\"split\":\"validation\","
        + "\"rows\":[{\"coverage\":0.1,\"threshold\":0.8},{\"coverage\":0.5,\"threshold\":0.41}]},"
        + "\"calibration\":{\"temperature\":0.3},\"held_out\":{\"accuracy\":0.49}}");
    assertEquals(0.41, ConfidenceThreshold.of(both).orElseThrow().value(), 0);
    assertEquals("coverage 0.5 of its validation songs", ConfidenceThreshold.of(both).orElseThrow().from());

    Provenance calibrated = Provenance.fromJson("{\"model_version\":\"v\",\"calibration\":{\"temperature\":0.3},"
        + "\"held_out\":{\"accuracy\":0.49}}");
    assertEquals(0.49, ConfidenceThreshold.of(calibrated).orElseThrow().value(), 0);
    assertTrue(ConfidenceThreshold.of(calibrated).orElseThrow().from().startsWith("calibration"));

    // an uncalibrated model's held-out accuracy says nothing about its confidences
    Provenance old = Provenance.fromJson("{\"model_version\":\"v\",\"held_out\":{\"accuracy\":0.49}}");
    assertTrue(ConfidenceThreshold.of(old).isEmpty());
  }
}
