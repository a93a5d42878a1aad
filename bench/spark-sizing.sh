#!/usr/bin/env bash
# Spark's sizing table, measured (issue 21): bench/spark.sh's scan (--no-builtin, the seed feed, signature-base's
# Hafnium log signatures, the pivot on) at 1 GB and 2 GB, alternating the sizes within each run so both are measured
# in the same hour:
#   local1     --spark local[1]: the tasks' CPU and the rest of the process (driver, JIT, GC, Spark) in one JVM
#   cluster1   a 1-worker standalone cluster (one executor of 1 core): the driver's process CPU apart from the
#              executor JVM's whole CPU (its worker's reaped children: the tasks plus the executor's own JIT, GC, Spark)
#   local2     --spark local[2] with the default broadcast rounds: the wall time on 2 task slots
#   shuffle2   local[2], every round a shuffle join (-Dspark.dwell.pivot.broadcastValues=0): what the join shuffles
#   shuffle4   local[4] the same: 4 parts of the index, so how the shuffle grows with the partitions
# Each run keeps its event log; bench/spark-sizing.py prints the table from them (per job: CPU, bytes to the driver,
# shuffle written and read).
# Usage: bench/spark-sizing.sh [RUNS] [FIRST]  (default 2 runs numbered from 1; FIRST > 1 keeps the earlier runs' results;
#   data in bench/data/pivot-1024 and pivot-2048, never generated here)
#   SIZING_CONFIGS (default "local1 cluster1 local2 shuffle2 shuffle4"): which of the above each run makes
#   SPARK_MASTER_PORT (default 7577), DWELL_SPARK_DIR (default bench/data/spark-sizing/standalone)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-2}" first="${2:-1}"
configs="${SIZING_CONFIGS:-local1 cluster1 local2 shuffle2 shuffle4}"
yara="$root/../shared/corpora/signature-base/yara/apt_hafnium_log_sigs.yar"
[ -f "$yara" ] || { echo "missing $yara" >&2; exit 1; }
yara="$(cd "$(dirname "$yara")" && pwd)/$(basename "$yara")"
for mb in 1024 2048; do
  [ -f "$root/bench/data/pivot-$mb/seed.txt" ] || { echo "missing bench/data/pivot-$mb (ln -sfn /work/data/pivot-$mb bench/data/pivot-$mb)" >&2; exit 1; }
done
"$root/dwell" --version >/dev/null
results="$root/bench/data/spark-sizing"
[ "$first" -gt 1 ] || rm -rf "$results"
mkdir -p "$results"
# the first --spark run after a build makes the launcher's class-data archive of Spark's class path: not a timed run
"$root/dwell" scan "$root/examples" --no-case --out "$results/warm-up" --spark 'local[1]' > /dev/null 2>&1 || true
export DWELL_SPARK_DIR="${DWELL_SPARK_DIR:-$results/standalone}" SPARK_MASTER_PORT="${SPARK_MASTER_PORT:-7577}"
trap '"$root/tools/spark-standalone.sh" stop' EXIT
cluster="$("$root/tools/spark-standalone.sh" start 1)"
worker="$(cat "$DWELL_SPARK_DIR/worker-1.pid")"
# the CPU (clock ticks) of the worker's children that have ended and were reaped: its executors
reaped() { awk '{ print $16 + $17 }' "/proc/$worker/stat"; }
executors() { pgrep -P "$worker" || true; }
run() { # name mb [--spark MASTER] [extra JVM options via OPTS]
  local name="$1" mb="$2"; shift 2
  local data="$root/bench/data/pivot-$mb" out="$results/$name-$mb"
  mkdir -p "$out/events"
  cat "$data"/logs/*.log > /dev/null
  cut -d' ' -f1 /proc/loadavg > "$out/load"
  local before; before="$(reaped)"
  DWELL_JAVA_OPTS="-Xmx2g -Dspark.eventLog.enabled=true -Dspark.eventLog.dir=file://$out/events ${OPTS:-}" \
    /usr/bin/time -f "%e %U %S" -o "$out/time" "$root/dwell" scan "$data/logs" --no-builtin \
    --iocs "$data/seed.txt" --yara "$yara" --no-case --out "$out/out" --format json "$@" > /dev/null 2> "$out/err" \
    || { echo "$name-$mb failed:" >&2; tail -5 "$out/err" >&2; }
  # the executor ends after the application: wait until the worker has reaped it
  for _ in $(seq 1 120); do [ -z "$(executors)" ] && break; sleep 0.5; done
  echo "$(( $(reaped) - before ))" > "$out/executor-ticks"
}
for i in $(seq "$first" $((first + runs - 1))); do
  for mb in 1024 2048; do
    for c in $configs; do
      case "$c" in
        local1) run "local1-$i" "$mb" --spark 'local[1]' ;;
        cluster1) run "cluster1-$i" "$mb" --spark "$cluster" ;;
        local2) run "local2-$i" "$mb" --spark 'local[2]' ;;
        shuffle2) OPTS="-Dspark.dwell.pivot.broadcastValues=0" run "shuffle2-$i" "$mb" --spark 'local[2]' ;;
        shuffle4) OPTS="-Dspark.dwell.pivot.broadcastValues=0" run "shuffle4-$i" "$mb" --spark 'local[4]' ;;
        *) echo "unknown configuration $c" >&2; exit 2 ;;
      esac
    done
  done
done
python3 "$root/bench/spark-sizing.py" "$results" "$(getconf CLK_TCK)"
