#!/usr/bin/env bash
# Scaling from one worker to two (issue 21): bench/spark.sh's scan of its generated IIS logs on a one-worker and a
# two-worker standalone cluster (tools/spark-standalone.sh: one core and 1 GB each worker), in this tree and in a
# before-tree (an unpacked, built `git archive` of main), alternating, PAIRS times: on a shared machine only runs made
# side by side compare. Per run: wall, the CPU of the driver and of each executor JVM by thread kind (bench/thread-cpu.py
# --also: tasks, C2, C1, GC, ...), the tasks' CPU from Spark's event log, and whether findings.jsonl is the first run's.
# Each run's JVMs' CPU by phase follows (bench/thread-window.py: up to the hunt's first task, during it, after it).
# Usage: SPARK_MASTER_PORT=PORT [WORKERS="1 2"] bench/spark-workers.sh BEFORE_TREE [SIZE_MB] [PAIRS]   (default 2048 and 2)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
before="$(cd "$1" && pwd)" mb="${2:-2048}" pairs="${3:-2}"
yara="$(cd "$root/../shared/corpora/signature-base/yara" && pwd)/apt_hafnium_log_sigs.yar"
data="$root/bench/data/pivot-$mb"
[ -f "$data/seed.txt" ] || { echo "missing $data (bench/spark.sh $mb makes it)" >&2; exit 1; }
results="$root/bench/data/spark-workers"
rm -rf "$results"; mkdir -p "$results"
export SPARK_MASTER_PORT="${SPARK_MASTER_PORT:-7177}"
for tree in "$before" "$root"; do # not timed: each tree's first --spark run after a build trains its class-data archive
  "$tree/dwell" scan "$tree/examples" --no-case --out "$results/warm-up" --spark 'local[1]' > /dev/null 2>&1 || true
done
run() { # tree name workers
  local tree="$1" out="$results/$2" cluster
  mkdir -p "$out/events"
  export DWELL_SPARK_DIR="$out/standalone"
  trap '"$tree/tools/spark-standalone.sh" stop' EXIT
  cluster="$("$tree/tools/spark-standalone.sh" start "$3")"
  cut -d' ' -f1 /proc/loadavg > "$out/load"
  DWELL_JAVA_OPTS="-Xmx2g -Dspark.eventLog.enabled=true -Dspark.eventLog.dir=file://$out/events" \
    /usr/bin/time -f "%e %U %S" -o "$out/time" python3 "$root/bench/thread-cpu.py" --also "$out/standalone/home" --trace "$out/trace" \
    "$tree/dwell" scan "$data/logs" --no-builtin --iocs "$data/seed.txt" --yara "$yara" --no-case --out "$out/out" \
    --format json --spark "$cluster" > /dev/null 2> "$out/threads" || { echo "$2 failed:" >&2; tail -5 "$out/threads" >&2; }
  "$tree/tools/spark-standalone.sh" stop
  trap - EXIT
}
for i in $(seq 1 "$pairs"); do
  for w in ${WORKERS:-1 2}; do
    run "$before" "before-$w-$i" "$w"
    run "$root" "after-$w-$i" "$w"
  done
done
python3 - "$results" "$pairs" "$mb" "${WORKERS:-1 2}" <<'PY'
import glob, json, os, re, sys
res, pairs, mb, workers = sys.argv[1], int(sys.argv[2]), sys.argv[3], [int(w) for w in sys.argv[4].split()]
ref = open(os.path.join(res, f"before-{workers[0]}-1", "out", "findings.jsonl"), "rb").read()
def tasks_cpu(name):
    ns = 0
    for f in glob.glob(os.path.join(res, name, "events", "*")):
        for line in open(f):
            e = json.loads(line)
            if e.get("Event") == "SparkListenerTaskEnd":
                ns += e.get("Task Metrics", {}).get("Executor CPU Time", 0)
    return ns / 1e9
def jvms(name):
    """The driver's sampled CPU, and each executor JVM's with its C2 part (bench/thread-cpu.py's lines per process)."""
    driver, executors = 0.0, []
    for line in open(os.path.join(res, name, "threads")):
        if not line.startswith("  process"):
            continue
        total = float(re.search(r": ([\d.]+) s over", line).group(1))
        c2 = re.search(r"JIT C2 ([\d.]+)", line)
        if "tasks" in line:
            executors.append((total, float(c2.group(1)) if c2 else 0.0))
        elif "session start" in line:
            driver = total
    return driver, executors
print(f"spark-workers: {mb} MB, {pairs} pairs alternating; CPU-s sampled per JVM (the driver; each executor, C2 within it),"
      " the tasks' from the event log")
walls = {}
for i in range(1, pairs + 1):
    for w in workers:
        for tree in ("before", "after"):
            name = f"{tree}-{w}-{i}"
            wall, user, sys_ = map(float, open(os.path.join(res, name, "time")).read().split()[-3:])
            walls.setdefault((tree, w), []).append(wall)
            driver, ex = jvms(name)
            out = os.path.join(res, name, "out", "findings.jsonl")
            same = os.path.exists(out) and open(out, "rb").read() == ref
            load = open(os.path.join(res, name, "load")).read().strip()
            print(f"  {name:<12} {wall:7.1f} s wall  driver {driver:4.1f}  executors {' + '.join(f'{t:.1f}' for t, _ in ex)} CPU-s"
                  f" (C2 {' + '.join(f'{c:.1f}' for _, c in ex)})  tasks {tasks_cpu(name):5.1f}"
                  f"  findings {'identical' if same else 'DIFFERENT'}  (load {load})")
for tree in ("before", "after"):
    if (tree, 1) in walls and (tree, 2) in walls:
        print(f"  {tree}: scaling 1 -> 2 workers " + ", ".join(f"{a / b:.2f}x" for a, b in zip(walls[(tree, 1)], walls[(tree, 2)])))
PY
for out in "$results"/before-* "$results"/after-*; do
  echo "${out##*/}: $(python3 "$root/bench/thread-window.py" "$out/trace" "$out/events")"
done
