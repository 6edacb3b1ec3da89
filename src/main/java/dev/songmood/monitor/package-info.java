/**
 * What a platform team scrapes from the batch jobs: {@link dev.songmood.monitor.JobMetrics}, a source registered with
 * Spark's own metrics system, so that whichever sink the cluster configures ({@code spark.metrics.conf.*}: JMX, CSV,
 * Graphite, the Prometheus servlet) exports each run's song counts and phase times next to Spark's metrics. The
 * tables stay the record of each run (the runs table); these are for dashboards and alerts. {@code serve}'s own
 * metrics are in {@code dev.songmood.serve}.
 */
package dev.songmood.monitor;
