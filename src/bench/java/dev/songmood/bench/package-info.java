/**
 * Benchmarks, built with the project but kept out of the job's jars (Maven compiles src/bench/java into
 * target/bench-classes): {@link dev.songmood.bench.EngineBenchmark} (the product's DJL encoder, outside and inside
 * Spark, vs Spark NLP), {@link dev.songmood.bench.CatalogBenchmark} (nightly labelling at N songs, on local disk or
 * s3a://) and {@link dev.songmood.bench.S3CommitBenchmark} (Parquet to S3: classic vs magic committer). Each runs with
 * one command from the repository root, {@code ./bench.sh [JVM options] NAME [arguments]}; its class doc has the
 * arguments and an example.
 */
package dev.songmood.bench;
