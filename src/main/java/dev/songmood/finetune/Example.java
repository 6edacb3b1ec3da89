package dev.songmood.finetune;

import java.io.Serializable;

/**
 * One training chunk: its framed token ids ([CLS] ... [SEP]), its song's quadrant, and its song's valence and
 * arousal standardised with the training songs' mean and deviation (NaN where the song has none).
 */
public record Example(String songId, long[] ids, int label, float valence, float arousal) implements Serializable {
  public boolean hasCoordinates() {
    return !Float.isNaN(valence) && !Float.isNaN(arousal);
  }
}
