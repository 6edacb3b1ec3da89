#!/usr/bin/env bash
# Starts and stops a Spark standalone cluster on loopback (127.0.0.1) from the project's own classpath: one master
# and N workers, each its own JVM, no Spark installation needed. For trying the job on a real cluster (executors in
# their own processes, task retries, a lost worker) on one machine; submit to it with ./submit.sh --master URL.
#
#   ./cluster.sh start [options]      start master + workers, wait until all workers are ALIVE, print the master URL
#   ./cluster.sh stop [--dir D]       stop the master and the workers (and their executors)
#   ./cluster.sh kill-worker I [--dir D]   kill -9 worker I (1-based) and its executors: a lost machine
#   ./cluster.sh status [--dir D]     the master URL and the master's JSON state (workers, apps)
#
# Options of start:
#   --workers N         number of workers (default 2)
#   --cores C           cores each worker offers (default 1)
#   --memory M          memory each worker offers to executors, e.g. 1500m, 2g (default 2g)
#   --gpus N            GPUs each worker offers (default 0); their addresses come from --gpu-discovery
#   --gpu-discovery S   the workers' GPU discovery script (default conf/gpu-discovery.sh, which asks nvidia-smi)
#   --port P            master port (default 0: a free port)
#   --webui-port P      master web UI port, also its JSON state at /json/ (default 0: a free port)
#   --dir D             pids, logs, master URL and the workers' work dirs (default target/cluster); also for stop,
#                       kill-worker and status
#   --timeout S         seconds to wait for the master and the workers (default 90)
#
# Layout of D: master.log, worker-I.log, *.pid, master-url (spark://127.0.0.1:PORT), master-webui (http://...),
# work/ (the workers' work dirs: work/app-*/EXECUTOR/stderr is each executor's log), spark-home/jars (empty: the
# workers take the classpath from SPARK_DIST_CLASSPATH, i.e. target/classpath.txt), spark-home/conf/log4j2.properties
# (INFO logging of the daemons and the executors).
#
# Environment: JAVA (java binary, default: java on PATH), SONGMOOD_DAEMON_MEMORY (heap of the master and worker
# daemons themselves, default 512m).
#
# Example:
#   MASTER=$(./cluster.sh start --workers 2 --cores 1 --memory 1500m)
#   ./submit.sh --master "$MASTER" --conf spark.executor.memory=1g label --input "$PWD/sample-data/catalog.jsonl" \
#     --out "$PWD/target/cluster-run"   # absolute paths: the executors run in the workers' work dirs
#   ./cluster.sh stop
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
JAVA_BIN="${JAVA:-java}"
DAEMON_MEMORY="${SONGMOOD_DAEMON_MEMORY:-512m}"

usage() { sed -n '2,33p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
die() { echo "cluster.sh: $*" >&2; exit 1; }

[[ $# -ge 1 ]] || usage 2
ACTION="$1"; shift
case "$ACTION" in
  -h|--help) usage 0 ;;
  start|stop|kill-worker|status) ;;
  *) echo "cluster.sh: unknown command $ACTION" >&2; usage 2 ;;
esac

WORKER_INDEX=""
if [[ "$ACTION" == kill-worker ]]; then
  [[ $# -ge 1 && "$1" =~ ^[0-9]+$ ]] || die "kill-worker needs a worker number (1, 2, ...)"
  WORKER_INDEX="$1"; shift
fi

WORKERS=2
CORES=1
MEMORY=2g
PORT=0
WEBUI_PORT=0
DIR="$HERE/target/cluster"
TIMEOUT=90
GPUS=0
GPU_DISCOVERY="$HERE/conf/gpu-discovery.sh"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --workers) WORKERS="$2"; shift 2 ;;
    --cores) CORES="$2"; shift 2 ;;
    --memory) MEMORY="$2"; shift 2 ;;
    --gpus) GPUS="$2"; shift 2 ;;
    --gpu-discovery) GPU_DISCOVERY="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --webui-port) WEBUI_PORT="$2"; shift 2 ;;
    --dir) DIR="$2"; shift 2 ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "cluster.sh: unknown option $1" >&2; usage 2 ;;
  esac
done
[[ "$ACTION" == start ]] && mkdir -p "$DIR"
[[ -d "$DIR" ]] && DIR=$(cd "$DIR" && pwd)

# The pid in FILE if that process is alive and is still the Spark daemon we started (pids get reused).
live_pid() {
  local file="$1" pid
  [[ -f "$file" ]] || return 1
  pid=$(cat "$file")
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q 'org\.apache\.spark\.deploy\.' || return 1
  echo "$pid"
}

# Whether the process in FILE is alive (while starting: right after the fork it is not yet java).
alive() {
  [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null
}

# Stops the daemon in FILE: TERM (the worker's shutdown hook stops its executors), then KILL after 15 s.
stop_daemon() {
  local file="$1" pid i
  if pid=$(live_pid "$file"); then
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < 150; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
    echo "cluster.sh: stopped $(basename "$file" .pid) (pid $pid)" >&2
  fi
  rm -f "$file"
}

stop_all() {
  local f
  for f in "$DIR"/worker-*.pid; do
    [[ -e "$f" ]] && stop_daemon "$f"
  done
  stop_daemon "$DIR/master.pid"
  rm -f "$DIR/master-url" "$DIR/master-webui"
}

# Waits until the master log shows PATTERN; prints the first match of the sed expression SED.
wait_for_log() {
  local pattern="$1" sed_expr="$2" deadline=$((SECONDS + TIMEOUT)) line
  while ((SECONDS < deadline)); do
    alive "$DIR/master.pid" || { tail -n 30 "$DIR/master.log" >&2; die "the master exited"; }
    line=$(grep -m 1 -E "$pattern" "$DIR/master.log" 2>/dev/null || true)
    if [[ -n "$line" ]]; then
      sed -E "$sed_expr" <<< "$line"
      return 0
    fi
    sleep 0.2
  done
  tail -n 30 "$DIR/master.log" >&2
  die "timed out after ${TIMEOUT}s waiting for the master ($pattern)"
}

case "$ACTION" in
  stop)
    stop_all
    exit 0
    ;;
  kill-worker)
    pid=$(live_pid "$DIR/worker-$WORKER_INDEX.pid") || die "worker $WORKER_INDEX is not running (no live pid in $DIR)"
    # Its executors are its child processes: a lost machine takes them along.
    children=$(pgrep -P "$pid" || true)
    kill -9 "$pid" $children 2>/dev/null || true
    rm -f "$DIR/worker-$WORKER_INDEX.pid"
    echo "cluster.sh: killed worker $WORKER_INDEX (pid $pid${children:+, executors $(echo $children)})" >&2
    exit 0
    ;;
  status)
    [[ -f "$DIR/master-url" ]] && live_pid "$DIR/master.pid" > /dev/null || die "no cluster running in $DIR"
    cat "$DIR/master-url"
    curl -fsS "$(cat "$DIR/master-webui")/json/"
    exit 0
    ;;
esac

# start
if live_pid "$DIR/master.pid" > /dev/null; then
  die "a cluster is already running in $DIR ($(cat "$DIR/master-url" 2>/dev/null)); ./cluster.sh stop first"
fi
[[ "$WORKERS" =~ ^[0-9]+$ && "$WORKERS" -ge 1 ]] || die "--workers must be a number >= 1"

VERSION=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$HERE/pom.xml" | head -n 1)
THIN_JAR="$HERE/target/songmood-$VERSION.jar"
CLASSPATH_FILE="$HERE/target/classpath.txt"
if [[ ! -f "$THIN_JAR" || ! -f "$CLASSPATH_FILE" ]]; then
  echo "cluster.sh: building the job (mvn package)..." >&2
  (cd "$HERE" && mvn -B -q -DskipTests package) >&2
fi
# The daemons and executors need Spark and the job's dependencies; the job's own jar comes with each submission.
CP=$(cat "$CLASSPATH_FILE")

# Anything started so far is stopped again if start fails or is interrupted.
STARTED=0
cleanup() {
  if [[ $STARTED -eq 0 ]]; then
    echo "cluster.sh: start failed; stopping what was started (logs in $DIR)" >&2
    stop_all
  fi
}
trap cleanup EXIT

rm -rf "$DIR/spark-home"
mkdir -p "$DIR/spark-home/jars" "$DIR/work"
mkdir -p "$DIR/spark-home/conf"
rm -f "$DIR"/worker-*.pid "$DIR"/*.log "$DIR/master-url" "$DIR/master-webui"
# The daemons log at INFO to their log files, so that ports and registrations can be read there; the executors too
# (to work/app-*/N/stderr): the workers put $SPARK_HOME/conf first on the executors' classpath.
cat > "$DIR/spark-home/conf/log4j2.properties" <<'EOF'
rootLogger.level = info
rootLogger.appenderRef.stderr.ref = stderr
appender.stderr.type = Console
appender.stderr.name = stderr
appender.stderr.target = SYSTEM_ERR
appender.stderr.layout.type = PatternLayout
appender.stderr.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1}: %m%n
logger.nativecode.name = org.apache.hadoop.util.NativeCodeLoader
logger.nativecode.level = error
EOF

export SPARK_HOME="$DIR/spark-home"
export SPARK_SCALA_VERSION=2.12
export SPARK_DIST_CLASSPATH="$CP"
export SPARK_LOCAL_IP=127.0.0.1
export SPARK_LOCAL_HOSTNAME=127.0.0.1
DAEMON_OPTS=("-Xmx$DAEMON_MEMORY" -Djava.awt.headless=true "-Dlog4j2.configurationFile=$DIR/spark-home/conf/log4j2.properties")

"$JAVA_BIN" "${DAEMON_OPTS[@]}" -cp "$CP" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$PORT" --webui-port "$WEBUI_PORT" \
  < /dev/null > "$DIR/master.log" 2>&1 &
echo $! > "$DIR/master.pid"

MASTER_URL=$(wait_for_log 'Starting Spark master at spark://' 's|.*(spark://[^ ]+).*|\1|')
WEBUI_URL=$(wait_for_log 'MasterWebUI.*started at http://' 's|.*started at (http://[^ ]+).*|\1|')
echo "$MASTER_URL" > "$DIR/master-url"
echo "$WEBUI_URL" > "$DIR/master-webui"

# GPUs: each worker offers GPUS of the addresses its discovery script reports; Spark assigns them to executors and
# tasks that ask for them (spark.executor.resource.gpu.amount, spark.task.resource.gpu.amount).
WORKER_OPTS=()
if [[ "$GPUS" -gt 0 ]]; then
  [[ -x "$GPU_DISCOVERY" ]] || die "--gpu-discovery $GPU_DISCOVERY is not an executable script"
  WORKER_OPTS=("-Dspark.worker.resource.gpu.amount=$GPUS"
    "-Dspark.worker.resource.gpu.discoveryScript=$(cd "$(dirname "$GPU_DISCOVERY")" && pwd)/$(basename "$GPU_DISCOVERY")")
fi
for ((i = 1; i <= WORKERS; i++)); do
  "$JAVA_BIN" "${DAEMON_OPTS[@]}" "${WORKER_OPTS[@]}" -cp "$CP" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --port 0 --webui-port 0 --cores "$CORES" --memory "$MEMORY" --work-dir "$DIR/work" \
    "$MASTER_URL" < /dev/null > "$DIR/worker-$i.log" 2>&1 &
  echo $! > "$DIR/worker-$i.pid"
done

deadline=$((SECONDS + TIMEOUT))
alive=0
while ((SECONDS < deadline)); do
  for ((i = 1; i <= WORKERS; i++)); do
    alive "$DIR/worker-$i.pid" || { tail -n 30 "$DIR/worker-$i.log" >&2; die "worker $i exited"; }
  done
  alive=$(curl -fsS "$WEBUI_URL/json/" 2>/dev/null | grep -oE '"aliveworkers" *: *[0-9]+' | grep -oE '[0-9]+$' || true)
  [[ "${alive:-0}" -ge "$WORKERS" ]] && break
  sleep 0.5
done
[[ "${alive:-0}" -ge "$WORKERS" ]] || die "timed out after ${TIMEOUT}s: ${alive:-0} of $WORKERS workers ALIVE (logs in $DIR)"

STARTED=1
echo "cluster.sh: master $MASTER_URL (web UI $WEBUI_URL), $WORKERS workers x $CORES cores, $MEMORY; logs in $DIR" >&2
echo "$MASTER_URL"
