/**
 * The {@code prepare} job: reads a labelled data set (through {@code dev.songmood.songs}), cleans lyrics, derives
 * quadrants, and writes the prepared Parquet data set, its quarantine and pictures of it.
 */
package dev.songmood.prepare;
