package dev.songmood.playlist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WalkTest {
  private static Song s(int step, String id, String artist) {
    return new Song(step, id, artist, null, "Q1", "happy", 0.9, 0, 0, "probabilities", 0);
  }

  @Test
  void aSongIsNeverTakenTwiceAndAnArtistWaitsKSongs() {
    List<List<Song>> c = List.of(List.of(s(0, "x", "A")), List.of(s(1, "x", "A"), s(1, "y", "A"), s(1, "z", "B")),
        List.of(s(2, "w", "A"), s(2, "v", null)), List.of(s(3, "u", "a ")));
    Walk.Result r = Walk.of(c, 10, 2);
    // step 2: x is taken, y's artist A played 1 song ago; step 3: A 2 songs ago; step 4: A 3 songs ago (case, spaces)
    assertEquals(List.of("x", "z", "v", "u"), r.songs().stream().map(Song::id).toList());
    assertEquals(Optional.empty(), r.needsMore());
  }

  @Test
  void aFullListWithNothingAllowedAsksForMoreAndAShortOneLeavesTheStepEmpty() {
    List<List<Song>> c = List.of(List.of(s(0, "x", "A")), List.of(s(1, "y", "A"), s(1, "z", "A")));
    assertEquals(Optional.of(1), Walk.of(c, 2, 1).needsMore());
    Walk.Result shortList = Walk.of(c, 3, 1);
    assertEquals(Optional.empty(), shortList.needsMore());
    assertEquals(List.of("x"), shortList.songs().stream().map(Song::id).toList());
    assertEquals(List.of("x", "y"), Walk.of(c, 2, 0).songs().stream().map(Song::id).toList());
  }
}
