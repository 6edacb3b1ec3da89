package dev.songmood.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Songs shared out chunk by chunk over several threads encode exactly as on one (the driver's batches). */
class SongEncodingTest {
  private static final String[] WORDS = {"rain", "dancing", "river", "alone", "summer", "fire", "quiet", "night",
      "golden", "broken", "morning", "shadow", "laughing", "storm", "gentle", "home"};

  /** Songs of 0 to 9 chunks of at most 12 tokens, made of plain words, with a null and a blank among them. */
  private static List<String> songs() {
    List<String> songs = new ArrayList<>();
    for (int s = 0; s < 14; s++) {
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < 3 + (s * 37) % 100; w++) {
        text.append(WORDS[(s * 7 + w * 3) % WORDS.length]).append(w % 9 == 8 ? ".\n" : " ");
      }
      songs.add(text.toString());
    }
    songs.set(3, null);
    songs.set(9, "   ");
    return songs;
  }

  private static void assertSameSongs(float[][] expected, float[][] actual, double tolerance) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      if (expected[i] == null) {
        assertNull(actual[i], "song " + i);
      } else if (tolerance == 0) {
        assertArrayEquals(expected[i], actual[i], "song " + i);
      } else {
        assertArrayEquals(expected[i], actual[i], (float) tolerance, "song " + i);
      }
    }
  }

  @Test
  void int8ChunksSharedOutOverThreadsGiveTheOneThreadVectorsExactly() {
    SongEncoding encoding = SongEncoding.open(EncoderModel.ALL_MINILM_L6_V2_Q, 1, false, null);
    List<String> songs = songs();
    float[][] one = encoding.encodeSongs(songs, 12, 2, "mean", 8);
    assertNull(one[3]);
    assertNull(one[9]);
    assertEquals(12, Arrays.stream(one).filter(v -> v != null).count());
    for (int workers : new int[] {2, 3, 64}) {
      assertSameSongs(one, encoding.encodeSongs(songs, 12, 2, "mean", 8, workers), 0);
    }
    // Each song's vector is its own: neighbours differ, and one song alone encodes as it did among the others.
    assertTrue(Math.abs(one[0][0] - one[1][0]) + Math.abs(one[0][1] - one[1][1]) > 1e-4);
    assertArrayEquals(one[13], encoding.encodeSongs(List.of(songs.get(13)), 12, 2, "mean", 8, 2)[0]);
  }

  @Test
  void oneSongGetsEveryCoreOnEachChunkAndSeveralGetOneCoreEach() {
    assertEquals(new SongEncoding.OnDriver(1, 2), SongEncoding.OnDriver.of(2, 1));
    assertEquals(new SongEncoding.OnDriver(1, 2), SongEncoding.OnDriver.of(2, 0));
    assertEquals(new SongEncoding.OnDriver(2, 1), SongEncoding.OnDriver.of(2, 32));
    assertEquals(new SongEncoding.OnDriver(3, 1), SongEncoding.OnDriver.of(16, 3));
    assertEquals(new SongEncoding.OnDriver(1, 1), SongEncoding.OnDriver.of(1, 32));
  }

  @Test
  void fp32BatchesSharedOutOverThreadsMatchTheOneThreadVectors() {
    SongEncoding encoding = SongEncoding.open(EncoderModel.ALL_MINILM_L6_V2, 1, false, null);
    List<String> songs = songs();
    float[][] one = encoding.encodeSongs(songs, 12, 0, "mean", 4);
    float[][] two = encoding.encodeSongs(songs, 12, 0, "mean", 4, 2);
    assertSameSongs(one, two, 1e-5);
    assertNotNull(two[13]);
  }
}
