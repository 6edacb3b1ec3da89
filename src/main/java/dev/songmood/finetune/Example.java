package dev.songmood.finetune;

import java.io.Serializable;

/**
 * One training chunk: its framed token ids ([CLS] ... [SEP]), its song's quadrant, and its song's valence and
 * arousal standardised with the training songs' mean and deviation (NaN where the song has none). A plain class,
 * not a record: Spark's Kryo cannot write records (their fields have no Unsafe offsets on Java 17), and these are
 * the elements of a cached RDD.
 */
public final class Example implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String songId;
  private final long[] ids;
  private final int label;
  private final float valence;
  private final float arousal;

  public Example(String songId, long[] ids, int label, float valence, float arousal) {
    this.songId = songId;
    this.ids = ids;
    this.label = label;
    this.valence = valence;
    this.arousal = arousal;
  }

  public String songId() { return songId; }
  public long[] ids() { return ids; }
  public int label() { return label; }
  public float valence() { return valence; }
  public float arousal() { return arousal; }

  public boolean hasCoordinates() {
    return !Float.isNaN(valence) && !Float.isNaN(arousal);
  }
}
