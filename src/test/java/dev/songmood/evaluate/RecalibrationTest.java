package dev.songmood.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.metrics.CalibrationMetrics;
import dev.songmood.stages.ProbabilityCalibrator;
import dev.songmood.stages.SyntheticProbabilities;
import dev.songmood.stages.TemperatureFit;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The cross-fitted measure of a recalibration: each half scaled by the temperature fitted on the other half. */
class RecalibrationTest {
  @Test
  void crossFittedHalvesUseTheOtherHalfsTemperature() {
    // An over-confident model (reports softmax(3 z) of true logits z): both halves need T near 3.
    Random random = new Random(5);
    int n = 4000;
    double[][] p = new double[n][];
    int[] y = new int[n];
    boolean[] first = new boolean[n];
    for (int i = 0; i < n; i++) {
      double[] z = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
      y[i] = SyntheticProbabilities.draw(SyntheticProbabilities.softmax(z, 1), random.nextDouble());
      p[i] = SyntheticProbabilities.softmax(z, 3);
      first[i] = i % 2 == 0;
    }
    double[][] cross = Recalibration.crossFitted(p, y, first);
    CalibrationMetrics.Result before = CalibrationMetrics.of(p, y);
    CalibrationMetrics.Result after = CalibrationMetrics.of(cross, y);
    assertTrue(after.ece() < before.ece() / 3, before + " -> " + after);
    // A song of the first half is scaled by the second half's T, exactly.
    double tSecond = TemperatureFit.temperature(java.util.stream.IntStream.range(0, n).filter(i -> !first[i])
        .mapToObj(i -> p[i]).toArray(double[][]::new), java.util.stream.IntStream.range(0, n).filter(i -> !first[i])
        .map(i -> y[i]).toArray());
    double[] expected = ProbabilityCalibrator.scaled(p[0], tSecond);
    for (int c = 0; c < 4; c++) {
      assertEquals(expected[c], cross[0][c], 1e-12);
    }
  }
}
