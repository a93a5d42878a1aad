#!/usr/bin/env bash
# The reading stage alone (bench/ReadStageBench.java: walk, SHA-256, sniffing, EVTX decoding, fields; no detector),
# cold in a fresh JVM with C1 alone as the launcher runs scans of < 128 MB, on the corpus the scan of issue 20 reads.
# Usage: [BEFORE=OTHER_TREE] [RUNS=3] [THREADS=1] bench/read-stage.sh [DIR]
# With BEFORE (a built older tree), its runs alternate with this tree's. Compare the process CPU and the allocation
# (the same whatever the load); the wall time follows the load. THREADS is the catalog's: with 1 it walks on the main
# thread, whose allocation is counted to the end (a pool's threads are gone when it is read); EVTX chunks are parsed
# on two threads as in the scan.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"; root="$(cd "$here/.." && pwd)"
input="${1:-$root/../shared/corpora/evtx-attack-samples}"
trees=("$root"); [ -n "${BEFORE:-}" ] && trees=("$(cd "$BEFORE" && pwd)" "$root")
classes=$(mktemp -d)
trap 'rm -rf "$classes"' EXIT
for t in "${trees[@]}"; do "$t/dwell" --version >/dev/null; done   # builds outside the timing
javac -d "$classes" -cp "$root/dwell-cli/target/lib/*" "$here/ReadStageBench.java"
for run in $(seq "${RUNS:-3}"); do
  for t in "${trees[@]}"; do
    name=after; [ "$t" = "$root" ] || name=before; [ ${#trees[@]} = 1 ] && name=this
    printf '%-7s load %-6s ' "$name" "$(cut -d' ' -f1 /proc/loadavg)"
    java -XX:TieredStopAtLevel=1 -Xmx4g -cp "$classes:$t/dwell-cli/target/lib/*" ReadStageBench "$input" "${THREADS:-1}"
  done
done
