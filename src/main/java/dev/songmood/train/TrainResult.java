package dev.songmood.train;

import dev.songmood.metrics.ClassificationReport;
import dev.songmood.model.EmotionModel;
import java.util.Map;

/** What a training run produced: the model, its test metrics, the search, and row counts by outcome. */
public record TrainResult(String runId, EmotionModel model, ClassificationReport test,
    ModelSearch.Outcome search, Map<String, Long> counts, String modelDir, String reportDir) {
}
