/**
 * Class statistics every layer above uses, with no dependency on them: {@link dev.songmood.metrics.ConfusionCounts}
 * (a confusion matrix counted by Spark), {@link dev.songmood.metrics.ClassificationReport} (accuracy, macro-F1,
 * per-class precision/recall/F1), {@link dev.songmood.metrics.CalibrationMetrics} (confidence bins, ECE, NLL),
 * {@link dev.songmood.metrics.CoverageMetrics} (accuracy and macro-F1 of the most confident songs) and
 * {@link dev.songmood.metrics.ClassWeights} (balanced weights from class counts).
 */
package dev.songmood.metrics;
