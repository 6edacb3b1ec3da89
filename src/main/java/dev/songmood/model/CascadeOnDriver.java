package dev.songmood.model;

import dev.songmood.input.Fields;
import dev.songmood.stages.EncoderCascade;
import dev.songmood.stages.LocalStage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;

/**
 * The encoder cascade ({@link EncoderCascade}) on songs held in memory ({@code serve}, {@code predict}): the same
 * rule as its {@code transform}; every song through the cheap path, the sure ones keep its answer, and only the
 * others go through the full path (the encoder).
 */
final class CascadeOnDriver implements LocalStage {
  private final DriverPipeline cheap;
  private final DriverPipeline full;
  private final double threshold;

  private CascadeOnDriver(DriverPipeline cheap, DriverPipeline full, double threshold) {
    this.cheap = cheap;
    this.full = full;
    this.threshold = threshold;
  }

  /** The cascade's in-memory form, or null when a stage of either path has none. */
  static CascadeOnDriver of(EncoderCascade cascade, int threads) {
    DriverPipeline cheap = new DriverPipeline(cascade.cheap(), threads);
    DriverPipeline full = new DriverPipeline(cascade.full(), threads);
    return cheap.inMemory() && full.inMemory() ? new CascadeOnDriver(cheap, full, cascade.getThreshold()) : null;
  }

  @Override
  public void applyLocally(List<Map<String, Object>> songs) {
    List<Map<String, Object>> scored = new ArrayList<>(songs.size());
    songs.forEach(song -> scored.add(new HashMap<>(song)));
    cheap.applyLocally(scored);
    List<Map<String, Object>> unsure = new ArrayList<>();
    for (int i = 0; i < songs.size(); i++) {
      Vector p = (Vector) scored.get(i).get(Fields.PROBABILITY);
      if (p != null && p.apply(p.argmax()) >= threshold) {
        songs.get(i).putAll(scored.get(i));
        songs.get(i).put(Fields.CASCADE_PATH, EncoderCascade.CHEAP);
      } else {
        unsure.add(songs.get(i));
      }
    }
    if (!unsure.isEmpty()) {
      full.applyLocally(unsure);
      unsure.forEach(song -> song.put(Fields.CASCADE_PATH, EncoderCascade.FULL));
    }
  }
}
