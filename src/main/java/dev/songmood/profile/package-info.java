/**
 * {@code profile}: the original project's exploratory data analysis (its pandas-profiling page), computed by Spark
 * aggregations for catalogs of millions of songs. {@link dev.songmood.profile.ProfileJob} reads any input the job
 * reads, measures each song's lyrics once ({@link dev.songmood.profile.LyricsMeasures}: characters, words, WordPiece
 * tokens, language), computes the statistics ({@link dev.songmood.profile.ColumnStats},
 * {@link dev.songmood.profile.TextStats}, {@link dev.songmood.profile.LabelStats}), derives pandas-profiling's
 * alerts ({@link dev.songmood.profile.Alerts}), and writes them as Parquet tables
 * ({@link dev.songmood.profile.ProfileTables}) and one self-contained HTML page
 * ({@link dev.songmood.profile.ProfilePage}). No row of the input reaches the driver, except a bounded sample for
 * the scatter plot.
 */
package dev.songmood.profile;
