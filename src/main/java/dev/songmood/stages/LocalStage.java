package dev.songmood.stages;

import java.util.List;
import java.util.Map;

/**
 * A stage that also runs on songs held in memory as column maps, with no Spark at all: {@code serve} and
 * {@code predict} answer one song in the time its encoding takes. The local function computes what
 * {@code transform} computes, from the same parameters and the same rules (the encoders call the same encoding,
 * the rules the same static functions); tests compare the two ways on whole catalogs.
 */
public interface LocalStage {
  /** Whether this stage, as configured, can run locally (the Spark NLP engine cannot). */
  default boolean runsLocally() {
    return true;
  }

  /** Adds (or replaces) this stage's output columns in every song's map. */
  void applyLocally(List<Map<String, Object>> songs);
}
