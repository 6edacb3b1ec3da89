package dev.songmood.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Paired bootstrap: point values match the report's macro-F1, intervals cover them, real gaps stay apart. */
class PairedBootstrapTest {
  /** 400 songs, 100 per class; "good" is right on 80% of each class, "weak" on 40%, "same" equals the reference. */
  private static Map<String, int[]> models(int[] labels) {
    int[] good = new int[labels.length];
    int[] weak = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      good[i] = i % 10 < 8 ? labels[i] : (labels[i] + 1) % 4;
      weak[i] = i % 10 < 4 ? labels[i] : (labels[i] + 1) % 4;
    }
    Map<String, int[]> m = new LinkedHashMap<>();
    m.put("weak", weak);
    m.put("good", good);
    m.put("same", weak.clone());
    return m;
  }

  private static int[] labels() {
    int[] y = new int[400];
    for (int i = 0; i < y.length; i++) {
      y[i] = i / 100;
    }
    return y;
  }

  @Test
  void pointValuesAreTheReportsMacroF1AndIntervalsCoverThem() {
    int[] y = labels();
    Map<String, PairedBootstrap.Result> r = PairedBootstrap.compare(y, models(y), "weak", 4, 500, 7);
    // every class: precision = recall = 0.8 for good (the wrong 20% land evenly on the next class), 0.4 for weak
    assertEquals(0.8, r.get("good").macroF1(), 1e-12);
    assertEquals(0.4, r.get("weak").macroF1(), 1e-12);
    assertEquals(0.4, r.get("good").difference(), 1e-12);
    for (PairedBootstrap.Result b : r.values()) {
      assertTrue(b.interval().low() <= b.macroF1() && b.macroF1() <= b.interval().high(), b.toString());
    }
    assertTrue(r.get("good").differenceInterval().low() > 0.3, r.get("good").toString());
    assertEquals(0.0, r.get("good").notBetter());
  }

  @Test
  void aModelIdenticalToTheReferenceHasAZeroDifferenceEverywhere() {
    int[] y = labels();
    PairedBootstrap.Result same = PairedBootstrap.compare(y, models(y), "weak", 4, 200, 7).get("same");
    assertEquals(0.0, same.difference());
    assertEquals(0.0, same.differenceInterval().low());
    assertEquals(0.0, same.differenceInterval().high());
    assertEquals(1.0, same.notBetter(), "a tie is not better");
  }

  @Test
  void misalignedPredictionsAreRefused() {
    int[] y = labels();
    Map<String, int[]> m = models(y);
    m.put("short", new int[3]);
    assertThrows(IllegalArgumentException.class, () -> PairedBootstrap.compare(y, m, "weak", 4, 10, 1));
    assertThrows(IllegalArgumentException.class, () -> PairedBootstrap.compare(y, models(y), "none", 4, 10, 1));
  }
}
