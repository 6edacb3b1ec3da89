package dev.songmood.train;

import dev.songmood.stages.LyricsEncoder;
import java.util.Map;

/** One way of encoding songs: the encoder stage's settings. */
public record EncoderConfig(String model, int chunkTokens, int overlap, String pooling, int batchSize) {
  public String name() {
    return model + ", " + chunkTokens + " tokens" + (overlap > 0 ? " overlap " + overlap : "") + ", " + pooling;
  }

  public LyricsEncoder stage() {
    return new LyricsEncoder().setModel(model).setChunkTokens(chunkTokens).setChunkOverlap(overlap)
        .setSongPooling(pooling).setBatchSize(batchSize);
  }

  public Map<String, Object> provenance() {
    return stage().describe();
  }
}
