#!/usr/bin/env bash
# Starts and stops a real S3-compatible server on loopback: s3proxy (from Maven Central, copied to
# target/s3proxy/s3proxy.jar by Maven) with a file-system backend, checking AWS signatures against a key pair made up
# at each start. For trying s3a:// paths on one machine, for the local-vs-S3 benchmark, and for CI (.ci/run starts
# one and the tests use it instead of starting their own).
#
#   ./s3-server.sh start [--dir D] [--port P] [--bucket B]...   start, wait until it answers, print the endpoint
#   ./s3-server.sh stop [--dir D]                                 stop it
#
# Layout of D (default target/s3-server): data/ (one folder per bucket: the objects as files), s3proxy.log,
# s3proxy.pid, s3proxy.properties and env (both mode 600: they hold the keys). `source D/env` sets
#   SONGMOOD_S3_ENDPOINT (http://127.0.0.1:PORT), SONGMOOD_S3_DATA (D/data),
#   SONGMOOD_S3_ACCESS_KEY and SONGMOOD_S3_SECRET_KEY.
# The keys are never printed. A bucket is a folder of data/: --bucket B (repeatable) makes one.
#
# Example:
#   ./s3-server.sh start --bucket catalogs && source target/s3-server/env
#   AWS_ACCESS_KEY_ID=$SONGMOOD_S3_ACCESS_KEY AWS_SECRET_ACCESS_KEY=$SONGMOOD_S3_SECRET_KEY ./submit.sh \
#     --s3-endpoint "$SONGMOOD_S3_ENDPOINT" --s3-path-style --s3-region us-east-1 --s3-credentials env \
#     label --input s3a://catalogs/catalog.jsonl --out s3a://catalogs/nightly
#   ./s3-server.sh stop
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
JAVA_BIN="${JAVA:-java}"

usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
die() { echo "s3-server.sh: $*" >&2; exit 1; }

[[ $# -ge 1 ]] || usage 2
ACTION="$1"; shift
case "$ACTION" in
  -h|--help) usage 0 ;;
  start|stop) ;;
  *) echo "s3-server.sh: unknown command $ACTION" >&2; usage 2 ;;
esac

DIR="$HERE/target/s3-server"
PORT=0
BUCKETS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) DIR="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --bucket) BUCKETS+=("$2"); shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "s3-server.sh: unknown option $1" >&2; usage 2 ;;
  esac
done
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)

live_pid() {
  local pid
  [[ -f "$DIR/s3proxy.pid" ]] || return 1
  pid=$(cat "$DIR/s3proxy.pid")
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q 's3proxy' || return 1
  echo "$pid"
}

if [[ "$ACTION" == stop ]]; then
  if pid=$(live_pid); then
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    echo "s3-server.sh: stopped s3proxy (pid $pid)" >&2
  fi
  rm -f "$DIR/s3proxy.pid"
  exit 0
fi

if pid=$(live_pid); then
  die "already running (pid $pid); stop it first: $0 stop --dir $DIR"
fi
JAR="$HERE/target/s3proxy/s3proxy.jar"
if [[ ! -f "$JAR" ]]; then
  echo "s3-server.sh: fetching s3proxy through Maven (mvn generate-test-resources)" >&2
  (cd "$HERE" && mvn -B -q generate-test-resources >&2)
fi
[[ -f "$JAR" ]] || die "$JAR is missing after mvn generate-test-resources"

if [[ "$PORT" == 0 ]]; then  # a port nothing answers on
  for ((i = 0; i < 50; i++)); do
    PORT=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null || break
  done
fi
ACCESS="AK$(head -c 9 /dev/urandom | od -An -tx1 | tr -d ' \n' | tr a-f A-F)"
SECRET="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
mkdir -p "$DIR/data"
for b in "${BUCKETS[@]}"; do mkdir -p "$DIR/data/$b"; done
umask 077
cat > "$DIR/s3proxy.properties" <<EOF
s3proxy.endpoint=http://127.0.0.1:$PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$ACCESS
s3proxy.credential=$SECRET
jclouds.provider=filesystem
jclouds.filesystem.basedir=$DIR/data
EOF
cat > "$DIR/env" <<EOF
export SONGMOOD_S3_ENDPOINT=http://127.0.0.1:$PORT
export SONGMOOD_S3_DATA=$DIR/data
export SONGMOOD_S3_ACCESS_KEY=$ACCESS
export SONGMOOD_S3_SECRET_KEY=$SECRET
EOF
nohup "$JAVA_BIN" -Xmx512m -jar "$JAR" --properties "$DIR/s3proxy.properties" > "$DIR/s3proxy.log" 2>&1 &
echo $! > "$DIR/s3proxy.pid"
for ((i = 0; i < 600; i++)); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    echo "s3-server.sh: s3proxy on http://127.0.0.1:$PORT (pid $(cat "$DIR/s3proxy.pid")); data in $DIR/data;" \
      "keys in $DIR/env" >&2
    echo "http://127.0.0.1:$PORT"
    exit 0
  fi
  kill -0 "$(cat "$DIR/s3proxy.pid")" 2>/dev/null || { cat "$DIR/s3proxy.log" >&2; die "s3proxy exited"; }
  sleep 0.1
done
cat "$DIR/s3proxy.log" >&2
die "s3proxy did not answer on port $PORT within 60 s"
