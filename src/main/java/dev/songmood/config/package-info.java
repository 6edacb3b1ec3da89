/**
 * What every job shares about its input and its run: the canonical column names ({@link dev.songmood.config.Fields}),
 * which input column holds each field ({@link dev.songmood.config.Columns}), what to read
 * ({@link dev.songmood.config.InputSpec}), run ids ({@link dev.songmood.config.RunId}), Spark properties files
 * read as spark-submit reads them ({@link dev.songmood.config.SparkConfFile}), and the valence/arousal labels' range
 * ({@link dev.songmood.config.LabelScale}). A job's own settings live in its
 * config record, each default in one constant beside it or beside the stage that applies it.
 */
package dev.songmood.config;
