package dev.songmood.finetune;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Made-up token sequences for training-loop tests: each quadrant has its own 8 "topic" ids (3 + 8q .. 10 + 8q) mixed
 * with shared filler ids (35..63); valence and arousal follow the quadrant's signs. A model that learns must tell
 * the quadrants apart; a model that does not stays near chance.
 */
final class ToySongs {
  private ToySongs() {
  }

  static List<Example> examples(int perClass, int length, long seed) {
    Random r = new Random(seed);
    RandomEncoder framer = new RandomEncoder(1, 0);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < perClass; i++) {
      for (int q = 0; q < 4; q++) {
        long[] ids = new long[length];
        for (int t = 0; t < length; t++) {
          ids[t] = r.nextInt(3) == 0 ? 3 + 8 * q + r.nextInt(8) : 35 + r.nextInt(29);
        }
        float valence = (q == 0 || q == 3 ? 1f : -1f) + (float) r.nextGaussian() * 0.1f;
        float arousal = (q <= 1 ? 1f : -1f) + (float) r.nextGaussian() * 0.1f;
        out.add(new Example("song-" + q + "-" + i, framer.frame(ids), q, valence, arousal));
      }
    }
    return out;
  }
}
