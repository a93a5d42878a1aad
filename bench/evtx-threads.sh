#!/usr/bin/env bash
# What a second thread costs dwell's EVTX reader, beside the same work split over two 1-thread streams.
# Usage: [BEFORE=OTHER_TREE] [RR=1] [STREAM=1] [ROUNDS=9] [COPIES=10] bench/evtx-threads.sh [DIR]
#   default input: ../shared/corpora/evtx-attack-samples. One JVM per tree (bench/EvtxThreadCost.java): modes
#   "one" (EvtxStream with 1 thread), "two" (with 2: chunks read on the calling thread and parsed on either), "split"
#   (two 1-thread streams on two threads, every other file each: nothing passes between the threads), alternating
#   after a warm-up; medians. Prints each mode's wall and Java-thread CPU (GC and JIT left out) and, against "one",
#   the wall speed-up and the CPU per record. "split" is what two threads reach when nothing is handed over, so
#   "two"'s gap to it is what the stream's hand-over costs. RR=1 runs the JVM under `chrt -r 1` (root), so that a
#   loaded machine's other work waits (as on an idle machine; another job at real-time priority spoils it).
#   Files are read from memory by Batch.read of their bytes where the tree has it (each chunk copied by the thread
#   that parses it), else (or with STREAM=1) from a ByteArrayInputStream; the header line says which.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
input="${1:-$root/../shared/corpora/evtx-attack-samples}"
rounds="${ROUNDS:-9}"
copies="${COPIES:-10}"
rr=(); [ "${RR:-0}" = 1 ] && rr=(chrt -r 1)
"$root/dwell" --version >/dev/null # build first
before="${BEFORE:-}"
[ -z "$before" ] || "$before/dwell" --version >/dev/null
echo "input: $input, corpus x$copies a pass, median of $rounds rounds${rr:+, under chrt -r 1}; $(nproc) cores"
for tree in "$root" ${before:+"$before"}; do
  name=this; [ "$tree" = "$root" ] || name=before
  l=$(cut -d' ' -f1-3 /proc/loadavg)
  "${rr[@]}" java -Xmx2g -cp "$tree/dwell-core/target/classes:$tree/dwell-cli/target/lib/*" "$root/bench/EvtxThreadCost.java" \
      "$input" "$rounds" "$copies" 15 |
    awk -v t="$name" -v l="$l" '$1 == "source" { t = t ", " $2 " source"; next } { m[$1] = $0; w[$1] = $3; c[$1] = $4 }
      END {
        printf "%s (load %s):\n", t, l
        for (i = 1; i <= 3; i++) {
          k = i == 1 ? "one" : i == 2 ? "two" : "split"; split(m[k], f, " ")
          printf "  %-6s %8d records %8.1f ms wall %8.1f ms cpu | speed-up %.2fx, cpu per record %.3fx one'"'"'s\n", k, f[2], w[k], c[k], w["one"] / w[k], c[k] / c["one"]
        }
      }'
done
