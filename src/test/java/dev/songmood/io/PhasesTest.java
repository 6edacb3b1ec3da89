package dev.songmood.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The "where the time went" line: phases in the order they first ran, repeats added up, failures still counted. */
class PhasesTest {

  @Test
  void phasesAddUpInTheOrderTheyFirstRan() {
    Phases phases = new Phases();
    phases.add("model load", 1.25);
    phases.add("run records", 0.5);
    phases.add("model load", 0.25);
    assertEquals("model load 1.5 s, run records 0.5 s", phases.toString());
    assertEquals(2.0, phases.total(), 1e-9);
  }

  @Test
  void aPhaseThatFailsIsTimedToo() {
    Phases phases = new Phases();
    assertThrows(IllegalStateException.class, () -> phases.time("lock", () -> {
      sleep(30);
      throw new IllegalStateException("taken");
    }));
    assertTrue(phases.seconds("lock") >= 0.02, "the failed phase's time is kept: " + phases);
    assertEquals(42, phases.time("model load", () -> 42));
  }

  @Test
  void startupIsTheJvmsTimeBeforeTheJob() {
    Phases phases = Phases.sinceJvmStart();
    assertTrue(phases.seconds("startup") > 0, phases.toString());
    assertTrue(phases.toString().startsWith("startup "), phases.toString());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
