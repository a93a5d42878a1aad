#!/usr/bin/env bash
# A real standalone Spark cluster on this machine, from the project's own Spark dependency (no download): a master and
# N workers bound to 127.0.0.1, started with java -cp over dwell-spark/target/spark-lib (which the build copies).
# Usage: tools/spark-standalone.sh start [N]   starts the master and N workers (default 2), prints the spark:// URL
#        tools/spark-standalone.sh stop        stops what start started
#   SPARK_WORKER_MEMORY (default 1g)  memory each worker offers its executors
#   SPARK_WORKER_CORES  (default 1)   cores each worker offers
#   DWELL_SPARK_DIR     (default dwell-spark/target/standalone)  pids, logs and the workers' work folders
# Start also makes, once per build, the class-data archive that ./dwell names to these workers' executors
# (dwell-spark/target/dwell-executor.jsa, from dwell-spark/src/cds/executor.classlist), for Spark's jars and dwell's
# (the jars ./dwell would ship them, listed in dwell-executor.jsa.classpath, which ./dwell then puts on the executors'
# class path instead of shipping copies); DWELL_CDS=0 skips it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lib="$root/dwell-spark/target/spark-lib"
dir="${DWELL_SPARK_DIR:-$root/dwell-spark/target/standalone}"
port="${SPARK_MASTER_PORT:-7077}"
url="spark://127.0.0.1:$port"

jsa="$root/dwell-spark/target/dwell-executor.jsa"
classes="$root/dwell-spark/src/cds/executor.classlist"

usage() { echo "usage: $0 start [N] | stop" >&2; exit 2; }

# A worker launches executors with the Spark home's jars: a home whose jars are the project's own Spark dependency.
home() {
  mkdir -p "$dir/home"
  ln -sfn "$lib" "$dir/home/jars"
  touch "$dir/home/RELEASE"
}

# An executor maps Spark's classes from the archive instead of finding each in ~250 jars and verifying it: the
# archive is dumped for the class path the workers give their executors (this Spark home's jars, which are $lib's),
# and a JVM whose class path, JDK or jars differ from it ignores it, so it is an aid, never a requirement.
# dwell's jars join the archive's class path, ahead of Spark's as Spark puts spark.executor.extraClassPath: those of
# ./dwell's class path that the executors load (dwell.spark.ExecutorJars: not the driver-only ones), in its order.
dwell_jars() {
  local only="$root/dwell-spark/src/main/resources/dwell/spark/driver-only-jars.txt" j p keep
  local -a jars=("$root/dwell-cli/target/dwell-cli.jar")
  for j in "$root"/dwell-cli/target/lib/*.jar; do
    keep=1
    while read -r p; do
      case "$p" in ''|'#'*) ;; *) case "${j##*/}" in "$p"*) keep= ;; esac ;; esac
    done < "$only"
    if [ -n "$keep" ]; then jars+=("$j"); fi
  done
  jars+=("$root/dwell-spark/target/dwell-spark.jar")
  for j in "${jars[@]}"; do [ -f "$j" ] || return 0; done
  printf '%s\n' "${jars[@]}"
}
stale() { [ ! -f "$jsa" ] || [ "$classes" -nt "$jsa" ] || [ -n "$(find "$lib" -newer "$jsa" -print -quit)" ] \
  || [ "$(dwell_jars)" != "$(cat "$jsa.classpath" 2>/dev/null)" ] || [ -n "$(dwell_jars | xargs -r -I{} find {} -newer "$jsa")" ]; }
failed() { [ -f "$jsa.failed" ] && [ ! "$classes" -nt "$jsa.failed" ] && [ -z "$(find "$lib" -newer "$jsa.failed" -print -quit)" ]; }
archive() {
  [ "${DWELL_CDS:-1}" != 0 ] || return 0
  stale && ! failed || return 0
  exec 9>"$root/.dwell-build.lock"
  flock 9
  if stale && ! failed; then
    echo "spark-standalone: preparing the executors' class-data archive (once per build)..." >&2
    local tmp="$jsa.$$.tmp" jars cp="$lib/*"
    jars="$(dwell_jars)"
    [ -z "$jars" ] || cp="$(paste -sd: <<< "$jars"):$cp"
    rm -f "$jsa.classpath"
    java -Xshare:dump -XX:SharedClassListFile="$classes" -XX:SharedArchiveFile="$tmp" -Xlog:cds=off \
        "@$root/dwell-spark/spark-jvm.options" -cp "$cp" > "$dir/archive.log" 2>&1 \
      && mv -f "$tmp" "$jsa" && rm -f "$jsa.failed" && { [ -z "$jars" ] || printf '%s\n' "$jars" > "$jsa.classpath"; } \
      || { rm -f "$tmp"; touch "$jsa.failed"; echo "spark-standalone: no executors' archive (see $dir/archive.log)" >&2; }
  fi
  flock -u 9
}

daemon() { # name class args...
  local name="$1"; shift
  SPARK_HOME="$dir/home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 \
    nohup java -Xmx256m "@$root/dwell-spark/spark-jvm.options" -cp "$lib/*" "$@" \
    > "$dir/$name.log" 2>&1 &
  echo $! > "$dir/$name.pid"
}

# Waits until the log shows the line that says the daemon is up; its log otherwise.
up() { # name pattern
  for _ in $(seq 1 120); do
    grep -q "$2" "$dir/$1.log" 2>/dev/null && return 0
    kill -0 "$(cat "$dir/$1.pid")" 2>/dev/null || break
    sleep 0.5
  done
  echo "spark-standalone: $1 did not start; its log:" >&2
  tail -20 "$dir/$1.log" >&2
  return 1
}

case "${1:-}" in
  start)
    workers="${2:-2}"
    [[ "$workers" =~ ^[1-9][0-9]*$ ]] || usage
    [ -d "$lib" ] || { echo "spark-standalone: $lib is missing: build first (./dwell --version, or mvn package)" >&2; exit 1; }
    if [ -f "$dir/master.pid" ] && kill -0 "$(cat "$dir/master.pid")" 2>/dev/null; then
      echo "spark-standalone: already running ($url); stop it first" >&2; exit 1
    fi
    rm -rf "$dir"; mkdir -p "$dir"; home
    archive
    daemon master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port 0
    up master "Starting Spark master" || { "$0" stop; exit 1; }
    up master "I have been elected leader" || { "$0" stop; exit 1; }
    for i in $(seq 1 "$workers"); do
      mkdir -p "$dir/work-$i"
      daemon "worker-$i" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --webui-port 0 \
        --cores "${SPARK_WORKER_CORES:-1}" --memory "${SPARK_WORKER_MEMORY:-1g}" --work-dir "$dir/work-$i" "$url"
    done
    for i in $(seq 1 "$workers"); do up "worker-$i" "Successfully registered with master" || { "$0" stop; exit 1; }; done
    echo "$url"
    ;;
  stop)
    for pid in "$dir"/*.pid; do
      [ -f "$pid" ] || continue
      kill "$(cat "$pid")" 2>/dev/null || true
      rm -f "$pid"
    done
    ;;
  *) usage ;;
esac
