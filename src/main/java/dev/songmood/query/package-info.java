/**
 * {@code sql}: one Spark SQL query over the job's output tables, named by a catalog database or by path, printed as
 * an aligned table, CSV or JSON lines ({@link dev.songmood.query.QueryJob}, {@link dev.songmood.query.ResultFormat}).
 * Read-only: only queries and SHOW / DESCRIBE / EXPLAIN run ({@link dev.songmood.query.ReadOnlyStatement}).
 */
package dev.songmood.query;
