/**
 * Input and output: reading catalogs in CSV, JSON lines or Parquet without losing malformed records, record-level
 * screening into canonical columns, the quarantine table, small files through Hadoop's FileSystem, and publishing
 * output directories so that a failed run leaves the previous ones intact.
 */
package dev.songmood.io;
