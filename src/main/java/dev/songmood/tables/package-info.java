/**
 * The Delta Lake tables: {@code label}'s nightly output tables (Parquet data files plus a commit log): a night's
 * changes become visible in one atomic commit, or not at all, so a failed or killed run leaves the previous
 * tables intact and readable. {@link dev.songmood.tables.PredictionsTable} (one row per song, merged by id),
 * {@link dev.songmood.tables.QuarantineTable} (the rejected rows of the latest run),
 * {@link dev.songmood.tables.RunsTable} (one row per run; its final row swapped in by one small commit,
 * {@code RunRowSwap}); {@link dev.songmood.tables.TableRestore} puts a table back
 * at an earlier version (Delta's RESTORE). Also {@code fetch-lyrics}' cache and misses tables, the registry that
 * names tables in a catalog ({@code --database}) and how a path's table format is told.
 */
package dev.songmood.tables;
