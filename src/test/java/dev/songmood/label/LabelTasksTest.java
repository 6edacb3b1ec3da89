package dev.songmood.label;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LabelTasksTest {
  @Test
  void tasksAreBoundedInSizeAndAWholeNumberOfRoundsOverTheCores() {
    assertEquals(6, LabelJob.tasks(10_000, 2_000, 2), "5 by size, rounded up to 3 rounds of 2");
    assertEquals(26, LabelJob.tasks(50_000, 2_000, 2));
    assertEquals(2, LabelJob.tasks(1_000, 2_000, 2), "at least one task per core");
    assertEquals(2, LabelJob.tasks(0, 2_000, 2));
    assertEquals(8, LabelJob.tasks(600, 100, 4));
    assertEquals(100_000, LabelJob.tasks(10_000_000_000L, 1, 2), "capped");
  }
}
