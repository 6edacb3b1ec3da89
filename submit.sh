#!/usr/bin/env bash
# Runs a songmood subcommand with Spark.
#
#   ./submit.sh [launcher options] SUBCOMMAND [subcommand options]
#
# Launcher options (before the subcommand):
#   --master URL        local[*] (default): embedded Spark from the project's own classpath, no Spark install;
#                       spark://HOST:PORT without $SPARK_HOME: the same embedded launcher (the project's classpath,
#                         deploy mode client unless --deploy-mode cluster) against that standalone master, e.g. one
#                         from ./cluster.sh start; not local.conf, except that a master on 127.0.0.1/localhost keeps
#                         the driver on loopback too;
#                       spark://... with $SPARK_HOME, yarn, k8s://...: through $SPARK_HOME/bin/spark-submit with
#                         the runnable jar
#   --conf KEY=VALUE    an extra Spark setting (repeatable); settings otherwise live in conf/
#   --driver-memory, --executor-memory, --executor-cores, --num-executors, --total-executor-cores, --driver-cores,
#   --deploy-mode, --jars, --files, --name, --queue, --properties-file
#                       passed to spark-submit as they are (--driver-memory also sizes the embedded driver's heap).
#                       In spark-submit modes the job's settings (conf/spark-defaults.conf) go as --conf, so the
#                       cluster's own spark-defaults.conf (event log, queues, dynamic allocation) stays in force.
#                       --deploy-mode cluster (or --conf spark.submit.deployMode=cluster): the driver runs on the
#                       cluster; log4j2.properties (--files) and, for commands that use a model and are given no
#                       --model, the shipped model zipped into target/songmood-model.zip (--archives, unpacked as
#                       songmood-model/) travel with the job and the driver is told their shipped names.
#   --conf-dir DIR      read spark-defaults.conf, local.conf and log4j2.properties from DIR (default: ./conf)
#   --dry-run           print the command line instead of running it; changes nothing on disk (no build, no
#                       metastore directory, no class data sharing archive)
#   --training-layer    spark-submit modes: ship target/songmood-VERSION-training.jar (PyTorch + the fp32
#                       encoders, ~270 MB) with --jars, which labelling with a fine-tuned or fp32-encoder model needs;
#                       always on for train. Local and embedded standalone runs have it on their classpath anyway.
#   --s3-endpoint URL   S3 endpoint for s3a:// paths (an http:// URL turns TLS off), e.g. http://127.0.0.1:9000
#   --s3-path-style     path-style bucket addressing (most S3-compatible servers need it)
#   --s3-region REGION  the endpoint's region
#   --s3-credentials P  env (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY), profile (~/.aws), instance (the
#                       machine's role), or a provider class; default: S3A's chain (configuration, env, instance).
#                       Keys are never options: they come from the environment or the provider, never from argv.
#
# Environment: SONGMOOD_DRIVER_MEMORY (embedded driver heap, default 4g), SPARK_HOME (spark-submit for cluster
# modes), JAVA (java binary, default: java on PATH), SONGMOOD_METASTORE (local runs with --database: the embedded
# metastore's directory, default ~/.songmood/metastore), SONGMOOD_CDS (0: no class data sharing archive for local
# runs; see below).
#
# Examples:
#   ./submit.sh demo --out target/demo
#   ./submit.sh train --input ../shared/data/muse_lyrics.csv --out runs/muse
#   ./submit.sh label --model runs/muse/model --input catalog.parquet --out runs/nightly
#   echo '{"id":"1","lyrics":"..."}' | ./submit.sh predict --model runs/muse/model
#   ./submit.sh --master spark://127.0.0.1:7077 label --model ... --input ... --out ...
#   ./submit.sh --master "$(./cluster.sh start)" --conf spark.executor.memory=1g label --input ... --out ...
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
MASTER="local[*]"
CONF_DIR="$HERE/conf"
DRY_RUN=0
SHOW_USAGE=0
TRAINING_LAYER=0
EXTRA_CONF=()
SUBMIT_ARGS=()
USER_JARS=""
USER_FILES=""

# One argument inside a string that is split into arguments later: in double quotes, with \ and " escaped, it stays
# one argument whatever it holds (spaces, quotes, "-D..." text). Spark splits --driver-java-options this way (the
# launcher's CommandBuilderUtils.parseOptionString, Utils.splitCommandString for a driver on the cluster), and java
# reads an @argument file this way (where a line break must be written \n).
quote_arg() {
  local s=${1//\\/\\\\}
  s=${s//\"/\\\"}
  printf '"%s"' "$s"
}
argfile_arg() {
  local s
  s=$(quote_arg "$1")
  s=${s//$'\n'/\\n}
  printf '%s' "${s//$'\r'/\\r}"
}

usage_text() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; echo; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --master) MASTER="$2"; shift 2 ;;
    --conf) EXTRA_CONF+=(--conf "$2"); shift 2 ;;
    --conf-dir) CONF_DIR=$(CDPATH='' cd -- "$2" && pwd); shift 2 ;;
    --dry-run) DRY_RUN=1; shift ;;
    --driver-memory) SONGMOOD_DRIVER_MEMORY="$2"; SUBMIT_ARGS+=("$1" "$2"); shift 2 ;;
    --jars) USER_JARS="$2"; shift 2 ;;
    --files) USER_FILES="$2"; shift 2 ;;
    --executor-memory|--executor-cores|--num-executors|--total-executor-cores|--driver-cores|--deploy-mode\
      |--name|--queue|--properties-file) SUBMIT_ARGS+=("$1" "$2"); shift 2 ;;
    --training-layer) TRAINING_LAYER=1; shift ;;
    --s3-endpoint)
      EXTRA_CONF+=(--conf "spark.hadoop.fs.s3a.endpoint=$2")
      [[ "$2" == http://* ]] && EXTRA_CONF+=(--conf "spark.hadoop.fs.s3a.connection.ssl.enabled=false")
      shift 2 ;;
    --s3-path-style) EXTRA_CONF+=(--conf "spark.hadoop.fs.s3a.path.style.access=true"); shift ;;
    --s3-region) EXTRA_CONF+=(--conf "spark.hadoop.fs.s3a.endpoint.region=$2"); shift 2 ;;
    --s3-credentials)
      case "$2" in
        env) PROVIDER=com.amazonaws.auth.EnvironmentVariableCredentialsProvider ;;
        profile) PROVIDER=com.amazonaws.auth.profile.ProfileCredentialsProvider ;;
        instance) PROVIDER=org.apache.hadoop.fs.s3a.auth.IAMInstanceCredentialsProvider ;;
        *) PROVIDER="$2" ;;
      esac
      EXTRA_CONF+=(--conf "spark.hadoop.fs.s3a.aws.credentials.provider=$PROVIDER"); shift 2 ;;
    -h|--help) SHOW_USAGE=1; shift ;;
    --*) echo "submit.sh: unknown launcher option $1 (./submit.sh --help lists them)" >&2; exit 2 ;;
    *) break ;;
  esac
done
# log4j2.configurationFile, and spark-submit's --files, are comma-separated lists: a comma would name other files.
if [[ "$CONF_DIR" == *,* ]]; then
  echo "submit.sh: --conf-dir must not contain a comma (log4j2 and spark-submit --files read lists): $CONF_DIR" >&2
  exit 2
fi
if [[ $SHOW_USAGE -eq 1 ]]; then
  usage_text
  set -- --help  # then the commands, from the job itself
elif [[ $# -lt 1 ]]; then
  usage_text >&2
  exit 2
fi

# Spark's progress bar redraws one line on a terminal; in a log file it piles up into lines of thousands of
# characters. Only on a terminal, then: the job's own log lines carry the counts and rates.
[[ -t 2 ]] || EXTRA_CONF+=(--conf spark.ui.showConsoleProgress=false)

# --database names the output tables in a catalog: on a cluster the platform's metastore (its spark-defaults.conf);
# for local runs an embedded Hive metastore (Derby) under $SONGMOOD_METASTORE, shared by this user's local runs, so
# that a later notebook or spark-sql session finds songmood.predictions by name.
# Only the option itself turns it on: an argument --database followed by its value, or --database=NAME (before
# any --), never the same text inside another option's value. The whole name, as the job reads it (no prefixes such
# as --datab: the job refuses those); Commons CLI also takes a long option after one dash.
wants_database() {
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --) return 1 ;;
      --database=?*|-database=?*) return 0 ;;
      --database|-database) [[ $# -ge 2 ]] && return 0 ;;
    esac
    shift
  done
  return 1
}
METASTORE_FLAGS=()
if [[ "$MASTER" == local* ]] && wants_database "${@:2}"; then
  METASTORE="${SONGMOOD_METASTORE:-$HOME/.songmood/metastore}"
  if [[ "$METASTORE" == *';'* ]]; then
    # It goes into Derby's JDBC URL, where ';' starts another attribute.
    echo "submit.sh: the metastore directory must not contain ';': $METASTORE (SONGMOOD_METASTORE)" >&2; exit 2
  fi
  [[ $DRY_RUN -eq 1 ]] || mkdir -p "$METASTORE"
  EXTRA_CONF+=(--conf spark.sql.catalogImplementation=hive --conf "spark.sql.warehouse.dir=$METASTORE/warehouse"
    --conf "spark.hadoop.javax.jdo.option.ConnectionURL=jdbc:derby:;databaseName=$METASTORE/metastore_db;create=true")
  METASTORE_FLAGS=("-Dderby.system.home=$METASTORE")
fi

# label, predict and evaluate use the shipped model unless --model names another.
export SONGMOOD_MODEL="${SONGMOOD_MODEL:-$HERE/models/default}"

# Java 17 flags Spark needs (the same list as pom.xml's java17.flags).
# DJL offline: the training engine's natives come from Maven jars; a version mismatch must fail, never download.
JAVA_FLAGS=(-XX:+IgnoreUnrecognizedVMOptions -Djdk.reflect.useDirectMethodHandle=false -Djava.awt.headless=true
  -Dai.djl.offline=true)
for pkg in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  JAVA_FLAGS+=("--add-opens=java.base/$pkg=ALL-UNNAMED")
done

VERSION=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$HERE/pom.xml" | head -n 1)
THIN_JAR="$HERE/target/songmood-$VERSION.jar"
FAT_JAR="$HERE/target/songmood-$VERSION-all.jar"
TRAINING_JAR="$HERE/target/songmood-$VERSION-training.jar"
[[ "$1" == train ]] && TRAINING_LAYER=1
CLASSPATH_FILE="$HERE/target/classpath.txt"
MAIN_CLASS=dev.songmood.cli.Main

# Build on first use, and again when the sources changed. Launches started together build once: the first takes
# target/.build.lock and builds; the others wait for it, then find the jars up to date.
needs_build() {
  [[ ! -f "$FAT_JAR" || ! -f "$TRAINING_JAR" || ! -f "$CLASSPATH_FILE" ]] \
    || [[ -n $(find "$HERE/src/main" "$HERE/pom.xml" -newer "$FAT_JAR" -print -quit 2>/dev/null) ]]
}
if [[ $DRY_RUN -eq 0 ]] && needs_build; then
  mkdir -p "$HERE/target"
  (
    command -v flock >/dev/null && flock 9
    if needs_build; then
      echo "submit.sh: building the job (mvn package)..." >&2
      (cd "$HERE" && mvn -B -q -DskipTests package) >&2
    fi
  ) 9>"$HERE/target/.build.lock"
fi

# Deploy mode cluster: the driver starts on the cluster, where this machine's paths mean nothing. The logging
# configuration and the model travel with the job and the driver is told their shipped names (-Dsongmood.log4j2,
# -Dsongmood.model: the job applies them as it starts, see runtime/ShippedFiles). Only commands that use a model and
# are given no --model ship the shipped one (zipped from $SONGMOOD_MODEL); a model URI (s3a://...) is passed as it is.
DEPLOY_MODE=client
for ((i = 0; i + 1 < ${#SUBMIT_ARGS[@]}; i++)); do
  [[ "${SUBMIT_ARGS[i]}" == --deploy-mode ]] && DEPLOY_MODE="${SUBMIT_ARGS[i + 1]}"
done
for ((i = 0; i + 1 < ${#EXTRA_CONF[@]}; i++)); do
  [[ "${EXTRA_CONF[i + 1]}" == spark.submit.deployMode=* ]] && DEPLOY_MODE="${EXTRA_CONF[i + 1]#*=}"
done
has_model() {
  while [[ $# -gt 0 ]]; do
    case "$1" in --) return 1 ;; --model=?*) return 0 ;; --model) [[ $# -ge 2 ]] && return 0 ;; esac
    shift
  done
  return 1
}
SHIP_FILES="$CONF_DIR/log4j2.properties${USER_FILES:+,$USER_FILES}"
SHIP_ARCHIVES=()
DRIVER_SETTINGS="-Dlog4j2.configurationFile=$(quote_arg "$CONF_DIR/log4j2.properties")"
MODEL_ZIP="$HERE/target/songmood-model.zip"
SHIPPED_MODEL=""
if [[ "$DEPLOY_MODE" == cluster ]]; then
  DRIVER_SETTINGS="-Dsongmood.log4j2=log4j2.properties"
  if [[ "$1" =~ ^(label|evaluate|predict|serve|export-sparknlp)$ ]] && ! has_model "${@:2}"; then
    if [[ "$SONGMOOD_MODEL" =~ ^[a-zA-Z][a-zA-Z0-9+.-]*:/ ]]; then
      DRIVER_SETTINGS+=" -Dsongmood.model=$(quote_arg "$SONGMOOD_MODEL")"
    else
      SHIPPED_MODEL="$SONGMOOD_MODEL"
      SHIP_ARCHIVES=(--archives "$MODEL_ZIP#songmood-model")
      DRIVER_SETTINGS+=" -Dsongmood.model=songmood-model"
    fi
  fi
fi
if [[ -n "$SHIPPED_MODEL" && $DRY_RUN -eq 0 ]]; then
  [[ -f "$SHIPPED_MODEL/provenance.json" ]] || { echo "submit.sh: not a model directory: $SHIPPED_MODEL" >&2; exit 2; }
  # Zipped afresh for every launch (1.8 MB: well under a second), to a name of this process's own, then renamed.
  mkdir -p "$HERE/target"
  rm -f "$MODEL_ZIP.$$"
  "${JAR:-jar}" cfM "$MODEL_ZIP.$$" -C "$SHIPPED_MODEL" .
  mv -f "$MODEL_ZIP.$$" "$MODEL_ZIP"
fi

# Help needs no Spark: the job's own command line answers it in a plain JVM, in about a second.
for arg in "$@"; do
  if [[ "$arg" == --help || "$arg" == -h || "$1" == help ]]; then
    [[ $DRY_RUN -eq 1 ]] && { echo "${JAVA:-java} -cp $THIN_JAR:... $MAIN_CLASS $*"; exit 0; }
    exec "${JAVA:-java}" -XX:TieredStopAtLevel=1 -Xshare:auto -cp "$THIN_JAR:$(cat "$CLASSPATH_FILE")" \
      -Dlog4j2.configurationFile="$CONF_DIR/log4j2.properties" "$MAIN_CLASS" "$@"
  fi
done

# The embedded launcher: Spark's SparkSubmit from the project's own classpath, for local runs and, without a Spark
# installation, for standalone masters (spark://) in client mode.
EMBEDDED=0
LAUNCH_CONF=()
if [[ "$MASTER" == local* ]]; then
  EMBEDDED=1
  while read -r key value; do
    [[ -z "$key" || "$key" == \#* ]] && continue
    LAUNCH_CONF+=(--conf "$key=$value")
  done < "$CONF_DIR/local.conf"
  # Loopback only: no "hostname resolves to a loopback address" guessing of a network interface.
  export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
elif [[ "$MASTER" == spark://* && -z "${SPARK_HOME:-}" ]]; then
  EMBEDDED=1
  LAUNCH_CONF=(--deploy-mode "$DEPLOY_MODE")
  MASTER_HOSTS="${MASTER#spark://}"
  if [[ "$MASTER_HOSTS" =~ ^(127\.0\.0\.1|localhost): ]]; then
    # A master on loopback: the driver must advertise 127.0.0.1 too, for the executors to reach it.
    LAUNCH_CONF+=(--conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1)
    export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  fi
fi

# A standalone master in cluster mode: spark-submit waits for the driver to end (otherwise it returns as soon as the
# driver is accepted). Spark 3.5's standalone client then exits 0 however the driver ended: its state is the
# master's (FINISHED or FAILED, ./cluster.sh status; the driver's log in the worker's work/driver-*/).
WAIT_CONF=()
[[ "$MASTER" == spark://* && "$DEPLOY_MODE" == cluster ]] \
  && WAIT_CONF=(--conf spark.standalone.submit.waitAppCompletion=true)

if [[ $EMBEDDED -eq 1 ]]; then
  EMBEDDED_JARS=()
  [[ -n "$USER_JARS" ]] && EMBEDDED_JARS=(--jars "$USER_JARS")
  if [[ "$DEPLOY_MODE" == cluster ]]; then
    EMBEDDED_JARS+=(--driver-java-options "${JAVA_FLAGS[*]} $DRIVER_SETTINGS" --files "$SHIP_FILES"
      "${SHIP_ARCHIVES[@]}" "${WAIT_CONF[@]}")
  elif [[ -n "$USER_FILES" ]]; then
    EMBEDDED_JARS+=(--files "$USER_FILES")
  fi
  # The classpath goes in a java @argument file: the jar plus Maven's dependency list (target/classpath.txt).
  ARGS_FILE="$HERE/target/local-classpath.args"
  # Other launches may be reading it this very moment (jobs started side by side): it is written only when its
  # content changes, and then whole, to a file of this process's own that is renamed over it (atomic).
  if [[ $DRY_RUN -eq 0 ]]; then
    ARGS="-cp $(argfile_arg "$THIN_JAR:$(cat "$CLASSPATH_FILE")")"
    if [[ ! -f "$ARGS_FILE" || "$(cat "$ARGS_FILE")" != "$ARGS" ]]; then
      printf '%s\n' "$ARGS" > "$ARGS_FILE.$$"
      mv -f "$ARGS_FILE.$$" "$ARGS_FILE"
    fi
  fi
  # Class data sharing (the JDK's AppCDS): the classes a label run loads, archived once per build, start the next
  # runs sooner (a quiet night on 2 cores: 16 s -> 10 s). The first label run after a build records them as it
  # exits (once, ~20 s more; one launch at a time: it holds target/.cds.lock until its JVM ends); the next launch
  # checks the recording with -Xshare:on and puts it in place. SONGMOOD_CDS=0 turns it off.
  CDS_FLAGS=()
  if [[ "${SONGMOOD_CDS:-1}" != 0 && $DRY_RUN -eq 0 && "$DEPLOY_MODE" != cluster ]]; then
    CDS="$HERE/target/songmood-$VERSION.jsa"
    cds_current() { [[ -f "$1" && -z $(find "$THIN_JAR" "$CLASSPATH_FILE" -newer "$1" -print -quit) ]]; }
    exec 8>>"$HERE/target/.cds.lock"
    if flock -n 8; then  # no launch is recording: finish what an earlier one recorded
      for part in "$CDS".*.partial; do
        [[ -f "$part" ]] || continue
        if cds_current "$part" && "${JAVA:-java}" -XX:SharedArchiveFile="$part" -Xshare:on "@$ARGS_FILE" -version \
          >/dev/null 2>&1
        then mv -f "$part" "$CDS"; else rm -f "$part"; fi
      done
      if ! cds_current "$CDS" && [[ "$1" == label ]]; then
        rm -f "$CDS"
        echo "submit.sh: this run also records the classes it loads (class data sharing, once per build):" \
          "it ends ~20 s later, later runs start sooner (SONGMOOD_CDS=0: off)" >&2
        CDS_FLAGS=(-XX:ArchiveClassesAtExit="$CDS.$$.partial")
      fi
    fi
    if [[ ${#CDS_FLAGS[@]} -eq 0 ]]; then
      flock -u 8; exec 8>&-
      cds_current "$CDS" && CDS_FLAGS=(-XX:SharedArchiveFile="$CDS" -Xshare:auto)
    fi
  fi
  CMD=("${JAVA:-java}" "${JAVA_FLAGS[@]}" "${CDS_FLAGS[@]}" "${METASTORE_FLAGS[@]}" "-Xmx${SONGMOOD_DRIVER_MEMORY:-4g}"
    "-Dlog4j2.configurationFile=$CONF_DIR/log4j2.properties" "@$ARGS_FILE"
    org.apache.spark.deploy.SparkSubmit --master "$MASTER" --properties-file "$CONF_DIR/spark-defaults.conf"
    "${LAUNCH_CONF[@]}" "${SUBMIT_ARGS[@]}" "${EMBEDDED_JARS[@]}" "${EXTRA_CONF[@]}" \
    --class "$MAIN_CLASS" "$THIN_JAR" "$@")
else
  SPARK_SUBMIT="${SPARK_HOME:+$SPARK_HOME/bin/}spark-submit"
  JARS="$USER_JARS"
  [[ $TRAINING_LAYER -eq 1 ]] && JARS="$TRAINING_JAR${JARS:+,$JARS}"
  LAYERS=()
  [[ -n "$JARS" ]] && LAYERS=(--jars "$JARS")
  # The job's settings as --conf (before the user's, which win): --properties-file would replace the cluster's
  # own spark-defaults.conf instead of adding to it.
  JOB_CONF=()
  while read -r key value; do
    [[ -z "$key" || "$key" == \#* ]] && continue
    JOB_CONF+=(--conf "$key=$value")
  done < "$CONF_DIR/spark-defaults.conf"
  if [[ $TRAINING_LAYER -eq 1 && "$HERE" == *,* ]]; then
    echo "submit.sh: spark-submit's --jars takes a comma-separated list: the training layer's path has a comma:" \
      "$TRAINING_JAR" >&2
    exit 2
  fi
  # Spark splits --driver-java-options into arguments itself: the path is quoted inside it (quote_arg).
  CMD=("$SPARK_SUBMIT" --master "$MASTER" "${JOB_CONF[@]}" "${SUBMIT_ARGS[@]}"
    --driver-java-options "${JAVA_FLAGS[*]} $DRIVER_SETTINGS"
    --files "$SHIP_FILES" "${SHIP_ARCHIVES[@]}" "${WAIT_CONF[@]}" "${LAYERS[@]}"
    "${EXTRA_CONF[@]}" --class "$MAIN_CLASS" "$FAT_JAR" "$@")
fi

if [[ $DRY_RUN -eq 1 ]]; then
  printf '%q ' "${CMD[@]}"; echo
  exit 0
fi
exec "${CMD[@]}"
