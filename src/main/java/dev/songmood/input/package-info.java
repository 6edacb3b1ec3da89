/**
 * What a job reads: the paths, format and limit ({@link dev.songmood.input.InputSpec},
 * {@link dev.songmood.input.InputFormat}), how text files are read ({@link dev.songmood.input.ReadOptions}), which
 * input column holds each field ({@link dev.songmood.input.Columns}), the canonical column names every job uses once
 * an input is read ({@link dev.songmood.input.Fields}), and the valence/arousal labels' range
 * ({@link dev.songmood.input.LabelScale}). Reading and screening the songs themselves is in
 * {@code dev.songmood.songs}. A job's own settings live in its config record, each default in one constant beside it
 * or beside the stage that applies it.
 */
package dev.songmood.input;
