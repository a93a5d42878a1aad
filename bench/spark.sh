#!/usr/bin/env bash
# Spark benchmark (issue 21): the same scan of >= 1 GB of generated multi-year IIS logs (bench/PivotLogGen.java) with
# the local engine, --spark local[1], --spark local[2], a one-worker and a two-worker standalone cluster
# (tools/spark-standalone.sh, one core and 1 GB each worker), side by side: wall time, CPU time (the dwell process's
# user+sys; on a cluster plus the executors' CPU from Spark's event log) and whether findings.jsonl is byte-identical to
# the local engine's; then the scalings from one task slot to two (local[1] to local[2], one worker to two).
# The scan: --no-builtin, the seed feed (--iocs) and signature-base's Hafnium log signatures (--yara): the Spark tasks
# run the whole first pass (reading, IOC, YARA, census, the pivot index, which stays on the executors), the driver
# merges their parts and pivots, each round a join on the executors. For each Spark run the script also prints, from
# Spark's event log, the bytes the tasks sent back to the driver (their parts: findings, counts; the pivot's hits and
# statistics) and the bytes shuffled, and the same for the pivot's jobs alone.
# Usage: bench/spark.sh [SIZE_MB]     (default 1024)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mb="${1:-1024}"
data="$root/bench/data/pivot-$mb"
yara="$root/../shared/corpora/signature-base/yara/apt_hafnium_log_sigs.yar"
[ -f "$yara" ] || { echo "missing $yara" >&2; exit 1; }
yara="$(cd "$(dirname "$yara")" && pwd)/$(basename "$yara")"
if [ ! -f "$data/seed.txt" ]; then
  echo "generating $mb MB of multi-year IIS logs in $data ..." >&2
  java "$root/bench/PivotLogGen.java" "$data" "$mb"
fi
"$root/dwell" --version >/dev/null
# kept after the run (bench/data is not checked in), so the figures can be printed again from them
results="$root/bench/data/spark-results"
rm -rf "$results"; mkdir -p "$results"
# the first --spark run after a build makes the launcher's class-data archive of Spark's class path: not a timed run
"$root/dwell" scan "$root/examples" --no-case --out "$results/warm-up" --spark 'local[1]' > /dev/null 2>&1 || true
export DWELL_SPARK_DIR="$results/standalone" SPARK_MASTER_PORT="${SPARK_MASTER_PORT:-7177}"
trap '"$root/tools/spark-standalone.sh" stop' EXIT
mkdir -p "$results/events"
cat "$data"/logs/*.log > /dev/null
load() { cut -d' ' -f1 /proc/loadavg; }
run() { # name [--spark MASTER]
  local name="$1"; shift
  echo "$(load)" > "$results/load-$name"
  DWELL_JAVA_OPTS="-Xmx2g -Dspark.eventLog.enabled=true -Dspark.eventLog.dir=file://$results/events/$name" \
    /usr/bin/time -f "%e %U %S" -o "$results/time-$name" "$root/dwell" scan "$data/logs" --no-builtin \
    --iocs "$data/seed.txt" --yara "$yara" --no-case --out "$results/out-$name" --format json "$@" > /dev/null 2> "$results/err-$name" \
    || { echo "$name failed:" >&2; tail -5 "$results/err-$name" >&2; }
}
mkdir -p "$results/events/local1" "$results/events/local2" "$results/events/cluster1" "$results/events/cluster"
run local
run local1 --spark 'local[1]'
run local2 --spark 'local[2]'
# "scaling from 1 to 2 workers" on a real cluster too: the same cluster with one worker, then with two
cluster="$("$root/tools/spark-standalone.sh" start 1)"
run cluster1 --spark "$cluster"
"$root/tools/spark-standalone.sh" stop
cluster="$("$root/tools/spark-standalone.sh" start 2)"
run cluster --spark "$cluster"
python3 - "$results" "$data/logs" <<'PY'
import json, os, sys, glob
res, logs = sys.argv[1], sys.argv[2]
size = sum(os.path.getsize(os.path.join(logs, f)) for f in os.listdir(logs)) / 1048576
def task_metrics(name):
    """Executor CPU (s), result bytes sent to the driver and shuffle bytes written, from Spark's task-end events."""
    ns = result = shuffle = 0
    for f in glob.glob(os.path.join(res, "events", name, "*")):
        for line in open(f):
            e = json.loads(line)
            if e.get("Event") == "SparkListenerTaskEnd":
                m = e.get("Task Metrics", {})
                ns += m.get("Executor CPU Time", 0)
                result += m.get("Result Size", 0)
                shuffle += m.get("Shuffle Write Metrics", {}).get("Shuffle Bytes Written", 0)
    return ns / 1e9, result, shuffle
def pivot_jobs(name):
    """The pivot's jobs (index summary, seeds, rounds, impact): count, stages run, bytes to the driver, bytes shuffled."""
    stage_job, jobs, stages, result, shuffle = {}, set(), set(), 0, 0
    for f in glob.glob(os.path.join(res, "events", name, "*")):
        for line in open(f):
            e = json.loads(line)
            if e.get("Event") == "SparkListenerJobStart":
                d = e.get("Properties", {}).get("spark.job.description", "")
                for s in e["Stage IDs"]:
                    stage_job[s] = (e["Job ID"], d)
            elif e.get("Event") == "SparkListenerTaskEnd":
                job, d = stage_job.get(e["Stage ID"], (None, ""))
                if "pivot" not in d and "impact" not in d:
                    continue
                jobs.add(job)
                stages.add(e["Stage ID"])
                m = e.get("Task Metrics", {})
                result += m.get("Result Size", 0)
                shuffle += m.get("Shuffle Write Metrics", {}).get("Shuffle Bytes Written", 0)
    return len(jobs), len(stages), result, shuffle
def executor_cpu(name):
    return task_metrics(name)[0]
ref = open(os.path.join(res, "out-local", "findings.jsonl"), "rb").read()
lines = ref.count(b"\n")
print(f"spark benchmark: {size:.0f} MB of IIS logs in {len(os.listdir(logs))} files, {lines} findings")
base = None
for name, label in [("local", "local engine (--threads 2)"), ("local1", "--spark local[1]"), ("local2", "--spark local[2]"),
                    ("cluster1", "--spark 1-worker standalone cluster"), ("cluster", "--spark 2-worker standalone cluster")]:
    wall, user, sys_ = map(float, open(os.path.join(res, f"time-{name}")).read().split()[-3:])
    cpu = user + sys_ + (executor_cpu(name) if name.startswith("cluster") else 0)
    out = os.path.join(res, f"out-{name}", "findings.jsonl")
    same = os.path.exists(out) and open(out, "rb").read() == ref
    if base is None:
        base = wall
    load = open(os.path.join(res, f"load-{name}")).read().strip()
    extra = ""
    if name != "local":
        tcpu, result, shuffle = task_metrics(name)
        pj, ps, presult, pshuffle = pivot_jobs(name)
        extra = (f"  tasks {tcpu:.1f} s cpu, {result / 1048576:.1f} MB to the driver, {shuffle / 1048576:.1f} MB shuffled;"
                 f" pivot: {pj} jobs, {ps} stages, {presult / 1048576:.2f} MB to the driver, {pshuffle / 1048576:.3f} MB shuffled")
    print(f"  {label:<38}{wall:>8.1f} s wall ({wall / base:4.2f}x) {cpu:>8.1f} s cpu  {size / wall:6.1f} MB/s"
          f"  findings {'identical' if same else 'DIFFERENT'}  (load before: {load}){extra}")
wall = lambda name: float(open(os.path.join(res, f"time-{name}")).read().split()[-3])
print(f"  scaling local[1] -> local[2]: {wall('local1') / wall('local2'):.2f}x;"
      f" 1-worker -> 2-worker cluster: {wall('cluster1') / wall('cluster'):.2f}x")
PY
# each Spark run's timeline (bench/spark-timeline.py): each executor's deserialize (first task apart), the tasks' GC, when the
# first job started, the driver's time alone
for name in local1 local2 cluster1 cluster; do
  python3 "$root/bench/spark-timeline.py" "$results/events/$name" "$(cut -d' ' -f1 "$results/time-$name")" > "$results/timeline-$name.txt"
  echo "  $name: $(tail -n 3 "$results/timeline-$name.txt" | tr '\n' ' ')"
done
