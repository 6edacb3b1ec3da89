package dev.songmood.stages;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;

/** A saved pipeline's stages as one list, in the order they run: nested pipelines opened. */
public final class PipelineStages {
  private PipelineStages() {
  }

  /** The stages of {@code pipeline} with every nested pipeline opened, in order. */
  public static List<Transformer> flatten(PipelineModel pipeline) {
    return flatten(pipeline, new ArrayList<>());
  }

  private static List<Transformer> flatten(PipelineModel pipeline, List<Transformer> into) {
    for (Transformer stage : pipeline.stages()) {
      if (stage instanceof PipelineModel inner) {
        flatten(inner, into);
      } else {
        into.add(stage);
      }
    }
    return into;
  }
}
