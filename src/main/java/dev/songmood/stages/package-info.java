/**
 * Spark ML stages saved inside the model, so that labelling runs exactly what training ran: lyrics cleaning
 * ({@link dev.songmood.stages.LyricsCleaner}), screening of unusable lyrics ({@link dev.songmood.stages.LyricsScreen})
 * and quadrant derivation from valence/arousal ({@link dev.songmood.stages.QuadrantDeriver}). Later: chunking and
 * encoding. Each stage checks its input schema before any work.
 */
package dev.songmood.stages;
