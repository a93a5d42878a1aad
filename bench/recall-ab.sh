#!/usr/bin/env bash
# The Spark pivot's read-back of its hit events (issue 21: RecallAhead on the driver, EventRecall) in another built
# tree (BEFORE) and this one, alternating, N rounds (default 4): the positions are the pivot findings of a
# bench/spark.sh run (RESULTS: its results folder, default bench/data/spark-results; at 2 GB 92 events in 91 items),
# read back in a fresh JVM with C1 alone, as a cluster's driver runs it (JIT='-XX:TieredStopAtLevel=1'; JIT= for the
# JVM's default), PASSES passes each (default 2: the first with the reader's code cold). Prints each pass's wall and
# positions found, the process's wall and user+sys (the source file's compilation included) and the load.
# Usage: BEFORE=DIR [RESULTS=DIR] [N=4] [PASSES=2] [JIT=...] bench/recall-ab.sh
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BEFORE=${BEFORE:?BEFORE=DIR: another built tree}; N=${N:-4}; PASSES=${PASSES:-2}
RESULTS=${RESULTS:-$root/bench/data/spark-results}; JIT=${JIT--XX:TieredStopAtLevel=1}
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
python3 - "$RESULTS/out-local/findings.jsonl" > "$out/keys" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    f = json.loads(line)
    if f["detector"] == "pivot":
        e = f["evidence"]
        print(f"{e['path']}\t{e.get('line', 0)}\t{e.get('record', 0)}")
PY
echo "$(wc -l < "$out/keys") positions in $(cut -f1 "$out/keys" | sort -u | wc -l) items; JVM options: ${JIT:-(none)}"
for _ in $(seq 1 "$N"); do
  for t in before after; do
    d=$BEFORE; [ $t = after ] && d=$root
    load=$(cut -d' ' -f1 /proc/loadavg)
    passes=$(/usr/bin/time -f "%e %U %S" -o "$out/time" java $JIT -cp "$d/dwell-cli/target/dwell-cli.jar:$d/dwell-cli/target/lib/*" \
      "$root/bench/RecallBench.java" "$out/keys" "$PASSES" | awk '{ printf "%s s %s, ", $3, $5 }')
    read -r w u s < "$out/time"
    printf '%-7s passes (wall, found) %s process %5.2f s wall %5.2f s cpu, load %s\n' $t "$passes" "$w" "$(echo "$u + $s" | bc)" "$load"
  done
done
