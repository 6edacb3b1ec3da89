/**
 * Measuring models and publishing what was measured: confusion counts computed with Spark
 * ({@link dev.songmood.metrics.ConfusionCounts}) and the per-class and averaged metrics derived from them
 * ({@link dev.songmood.metrics.ClassificationReport}); a paired bootstrap that compares models on the same songs
 * ({@link dev.songmood.evaluate.PairedBootstrap}); the report a train or evaluate run publishes
 * ({@link dev.songmood.evaluate.Report}, with the search's {@link dev.songmood.evaluate.Trial}s), written by
 * {@link dev.songmood.evaluate.ReportWriter} as Parquet tables, Markdown and pictures ({@code dev.songmood.charts});
 * and the {@code evaluate} job.
 */
package dev.songmood.evaluate;
