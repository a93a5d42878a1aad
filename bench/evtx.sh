#!/usr/bin/env bash
# Throughput of dwell's EVTX reader (1 and 2 threads) next to libevtx's evtxexport, same files, one run.
# Usage: bench/evtx.sh [DIR_OR_FILE] [REPEAT]
#   default input: ../shared/corpora/evtx-attack-samples (277 files); REPEAT passes over it (default 5).
# dwell runs in one JVM over REPEAT copies of the file list (JVM start and JIT warm-up included);
# evtxexport runs once per file and pass. Figures are given per wall second and per CPU second
# (user+sys, children included): on a shared, loaded machine the CPU figures are the fair comparison.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
input="${1:-$root/../shared/corpora/evtx-attack-samples}"
repeat="${2:-5}"
command -v evtxexport >/dev/null || { echo "evtxexport missing (apt-get install libevtx-utils)" >&2; exit 2; }
"$root/dwell" --version >/dev/null # build first, outside the timings

mapfile -d '' files < <(find "$input" -type f -iname '*.evtx' -print0 | sort -z)
bytes=$(cat "${files[@]}" | wc -c)
args=()
for _ in $(seq "$repeat"); do args+=("${files[@]}"); done
total=$((bytes * repeat))
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# measure NAME COMMAND...: runs COMMAND (stdout to a file), prints wall and CPU rates; sets REC, WALL, CPU
measure() {
  local name="$1"; shift
  local TIMEFORMAT='%R %U %S'
  local t
  t=$( { time "$@" > "$out/stdout" 2>/dev/null; } 2>&1 )
  WALL=$(echo "$t" | awk '{print $1}')
  CPU=$(echo "$t" | awk '{print $2 + $3}')
  REC=$(grep -c '^<Event[ >]\|^{"file"' "$out/stdout" || true)
  awk -v n="$name" -v w="$WALL" -v c="$CPU" -v r="$REC" -v b="$total" 'BEGIN {
    printf "%-26s %9d rec %8.1f s wall %8.1f s cpu | %9.0f rec/s %6.1f MB/s wall | %9.0f rec/s %6.1f MB/s cpu\n",
      n, r, w, c, r / w, b / w / 1e6, r / c, b / c / 1e6 }'
}

evtxexport_all() {
  for _ in $(seq "$repeat"); do
    for f in "${files[@]}"; do evtxexport -f xml "$f"; done
  done
}

echo "input: ${#files[@]} files, $bytes bytes, x$repeat passes = $total bytes ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
measure "evtxexport -f xml" evtxexport_all
ref_rate=$(awk -v r="$REC" -v c="$CPU" 'BEGIN { print r / c }')
ref_wall=$(awk -v r="$REC" -v w="$WALL" 'BEGIN { print r / w }')
compare() {
  awk -v r="$REC" -v c="$CPU" -v w="$WALL" -v rr="$ref_rate" -v rw="$ref_wall" -v n="$1" 'BEGIN {
    printf "  %s vs evtxexport: %.1fx records per CPU second, %.1fx records per wall second\n", n, (r / c) / rr, (r / w) / rw }'
}
# the launcher's default JVM (G1, tiered C2), then a JVM tuned for short batch runs (no C2 warm-up cost)
tuned="-Xmx4g -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
for opts in "" "$tuned"; do
  label=$([ -z "$opts" ] && echo "default JVM" || echo "DWELL_JAVA_OPTS='$tuned'")
  echo "dwell, $label:"
  for threads in 1 2; do
    for fmt in jsonl xml; do
      measure "dwell --threads $threads $fmt" env ${opts:+DWELL_JAVA_OPTS="$opts"} "$root/dwell" evtx dump --threads "$threads" --format "$fmt" "${args[@]}"
      compare "dwell --threads $threads $fmt"
    done
  done
done
echo "(dwell's counts include records carved from slack space, which evtxexport does not export by default)"

# The reader alone, in one warmed-up JVM: files held in memory, events built with all their fields, no output.
echo "dwell reader in-process after JIT warm-up (bench/EvtxThroughput.java, last 4 of 8 passes):"
cp="$root/dwell-core/target/classes:$root/dwell-cli/target/lib/*"
for threads in 1 2; do
  read -r rec b w c < <(java -Xmx2g -cp "$cp" "$root/bench/EvtxThroughput.java" "$input" "$threads" 8)
  awk -v n="reader --threads $threads" -v r="$rec" -v b="$b" -v w="$w" -v c="$c" -v rr="$ref_rate" -v rw="$ref_wall" 'BEGIN {
    printf "%-26s %9d rec %8.1f s wall %8.1f s cpu | %9.0f rec/s %6.1f MB/s wall | %9.0f rec/s %6.1f MB/s cpu\n", n, r, w, c, r / w, b / w / 1e6, r / c, b / c / 1e6
    printf "  %s vs evtxexport: %.1fx records per CPU second, %.1fx records per wall second\n", n, (r / c) / rr, (r / w) / rw }'
done
