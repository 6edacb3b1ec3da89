package dev.songmood.runtime;

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
  void startupIsTheJvmsTimeBeforeItsFirstJobAndLaterJobsCountTheEarlierOnesApart() {
    Phases first = Phases.sinceJvmStart();
    assertTrue(first.seconds("startup") > 0, first.toString());
    assertTrue(first.toString().startsWith("startup "), first.toString());
    sleep(50);
    Phases later = Phases.sinceJvmStart();  // as label's, after prepare and train in one demo JVM
    assertEquals(first.seconds("startup"), later.seconds("startup"), 1e-9, "startup is the first job's");
    assertTrue(later.seconds("earlier jobs") >= 0.05, later.toString());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
