#!/usr/bin/env bash
# Runs one of the benchmarks (src/bench/java/dev/songmood/bench), which are built with the project but are not part
# of the job's jars.
#
#   ./bench.sh [JVM options] NAME [arguments]
#
# NAME          CatalogBenchmark, CalibrationMethodsBenchmark, ModelComparisonBenchmark, EngineBenchmark, ProfileBenchmark, S3CommitBenchmark, ServeBenchmark or ViewsBenchmark; each one's class doc says its arguments.
# JVM options   -D..., -X... before NAME, e.g. -Xmx4g, -Dspark.master=local[4] (-Dspark.* system properties win
#               over conf/), -Dspark.hadoop.fs.s3a.endpoint=..., -Dsongmood.bench.batch=1.
#
# Builds first when the sources changed (mvn test-compile: the job's classes, target/classpath.txt and the benchmarks
# in target/bench-classes), then runs the benchmark from the repository root in a JVM with the Java 17 flags of
# pom.xml (java17.flags), conf/log4j2.properties and the embedded run's classpath (target/classes and
# target/classpath.txt, Spark included) plus target/bench-classes.
#
# Environment: JAVA (java binary, default: java on PATH), SPARK_LOCAL_IP (default 127.0.0.1).
#
# Examples:
#   ./bench.sh -Xmx4g CatalogBenchmark models/default ../shared/data/muse_lyrics.csv target/catalog-bench 1000,10000
#   ./bench.sh EngineBenchmark all-minilm-l6-v2-q ../shared/data/muse_lyrics.csv 500 target/sparknlp-cache
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
cd "$HERE"
BENCH_DIR=src/bench/java/dev/songmood/bench

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

JVM_OPTS=()
while [[ $# -gt 0 && "$1" == -* ]]; do
  case "$1" in
    -h|--help) usage 0 ;;
    -D*|-X*) JVM_OPTS+=("$1"); shift ;;
    *) echo "bench.sh: unknown option $1 (JVM options are -D... or -X...)" >&2; usage 2 ;;
  esac
done
[[ $# -ge 1 ]] || usage 2
NAME="$1"
shift
if [[ "$NAME" != *Benchmark || ! -f "$BENCH_DIR/$NAME.java" ]]; then
  echo "bench.sh: no benchmark '$NAME'; known: $(cd "$BENCH_DIR" && ls -- *Benchmark.java | sed 's/\.java$//' \
    | tr '\n' ' ')" >&2
  exit 2
fi

# Build on first use, and again when the sources changed.
STAMP=target/bench-classes/.built
if [[ ! -f "$STAMP" || ! -f target/classpath.txt ]] \
    || [[ -n $(find src/main src/bench pom.xml -newer "$STAMP" -print -quit 2>/dev/null) ]]; then
  echo "bench.sh: building the job and the benchmarks (mvn test-compile)..." >&2
  mvn -B -q test-compile >&2
  touch "$STAMP"
fi

# The Java 17 flags Spark needs: pom.xml's java17.flags, the list submit.sh carries too.
read -r -a JAVA17_FLAGS <<< "$(sed -n 's:.*<java17.flags>\(.*\)</java17.flags>.*:\1:p' pom.xml)"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
exec "${JAVA:-java}" "${JAVA17_FLAGS[@]}" -Djava.awt.headless=true -Dai.djl.offline=true \
  -Dlog4j2.configurationFile=conf/log4j2.properties ${JVM_OPTS[@]+"${JVM_OPTS[@]}"} \
  -cp "target/bench-classes:target/classes:$(cat target/classpath.txt)" "dev.songmood.bench.$NAME" "$@"
