/**
 * Spark ML stages saved inside the model, so that labelling runs exactly what training ran. Before classifying:
 * lyrics cleaning ({@link dev.songmood.stages.LyricsCleaner}, rules in {@code stages.text}), screening of unusable
 * lyrics ({@link dev.songmood.stages.LyricsScreen}, whose bounds' defaults live there), the lyrics' language and
 * whether the model was trained on it ({@link dev.songmood.stages.LanguageDetector}, detection in
 * {@code LanguageIdentifier}) and quadrant derivation from
 * valence/arousal ({@link dev.songmood.stages.QuadrantDeriver}). Classifying: song vectors from a pre-trained
 * encoder ({@link dev.songmood.stages.LyricsEncoder}, blocks of songs per call by
 * {@link dev.songmood.stages.SongBlocks}) or a fine-tuned one ({@link dev.songmood.stages.FineTunedClassifier}),
 * quadrants from predicted valence/arousal ({@link dev.songmood.stages.CoordinateQuadrant}), two classifiers'
 * probabilities averaged ({@link dev.songmood.stages.ProbabilityAverager}), catalog priors by artist and genre
 * ({@link dev.songmood.stages.CatalogPrior}), and, last, temperature scaling of the final probabilities
 * ({@link dev.songmood.stages.ProbabilityCalibrator}). Each stage checks its input schema before any work
 * ({@link dev.songmood.stages.StageSchemas}).
 */
package dev.songmood.stages;
