#!/usr/bin/env bash
# Throughput of dwell's EVTX reader next to libevtx's evtxexport, same files, one run.
# Usage: [BEFORE=OTHER_TREE] bench/evtx.sh [DIR_OR_FILE] [REPEAT]
#   default input: ../shared/corpora/evtx-attack-samples (277 files, 38 MB); REPEAT passes over it (default 3),
#   so that JVM start and JIT warm-up weigh less in the command's figures.
# Prints, for the same files: evtxexport -f xml (once per file and pass); `dwell evtx dump` (one JVM over REPEAT
# copies of the file list, JVM start and JIT included) with 1 and 2 threads, JSON lines and XML; and the reader
# alone in one warmed-up JVM (bench/EvtxThroughput.java) with 1 and 2 threads, whose wall-clock speed-up is the
# figure for "more with both cores". BEFORE=DIR runs another tree's dump and reader (a built checkout or an unpacked
# `git archive`) in the same run, right after this tree's, for before/after figures. Rates are given per wall second
# and per CPU second (user+sys, children included); each line shows the 1-minute load average when it started: with
# load >= cores no thread count can gain wall-clock time, so judge a loaded run by the CPU figures and by ratios.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
input="${1:-$root/../shared/corpora/evtx-attack-samples}"
repeat="${2:-3}"
command -v evtxexport >/dev/null || { echo "evtxexport missing (apt-get install libevtx-utils)" >&2; exit 2; }
"$root/dwell" --version >/dev/null # build first, outside the timings

mapfile -d '' files < <(find "$input" -type f -iname '*.evtx' -print0 | sort -z)
bytes=$(cat "${files[@]}" | wc -c)
total=$((bytes * repeat))
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# dwell reads a file named twice once, so each pass gets its own name: a symbolic link to the input
args=()
for i in $(seq "$repeat"); do
  ln -s "$(realpath "$input")" "$out/pass$i"
  args+=("$out/pass$i")
done
load() { cut -d' ' -f1 /proc/loadavg; }

# line NAME RECORDS BYTES WALL CPU LOAD: one row of figures, and its ratios to evtxexport once that is known
line() {
  awk -v n="$1" -v r="$2" -v b="$3" -v w="$4" -v c="$5" -v l="$6" -v rr="${ref_cpu:-0}" -v rw="${ref_wall:-0}" 'BEGIN {
    printf "%-24s %8d rec %7.2f s wall %7.2f s cpu | %8.0f rec/s %6.1f MB/s wall | %8.0f rec/s %6.1f MB/s cpu | load %s\n",
      n, r, w, c, r / w, b / w / 1e6, r / c, b / c / 1e6, l
    if (rr > 0) printf "  %-22s vs evtxexport: %5.1fx per CPU second, %5.1fx per wall second\n", "", (r / c) / rr, (r / w) / rw }'
}

# measure NAME COMMAND...: runs COMMAND (stdout to a file), counts its records; sets REC, WALL, CPU
measure() {
  local name="$1"; shift
  local TIMEFORMAT='%R %U %S' t l
  l=$(load)
  t=$( { time "$@" > "$out/stdout" 2>/dev/null; } 2>&1 )
  WALL=$(echo "$t" | awk '{print $1}')
  CPU=$(echo "$t" | awk '{print $2 + $3}')
  REC=$(grep -c '^<Event[ >]\|^{"file"' "$out/stdout" || true)
  line "$name" "$REC" "$total" "$WALL" "$CPU" "$l"
}

evtxexport_all() {
  for _ in $(seq "$repeat"); do
    for f in "${files[@]}"; do evtxexport -f xml "$f"; done
  done
}

echo "input: ${#files[@]} files, $bytes bytes, x$repeat passes = $total bytes; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
measure "evtxexport -f xml" evtxexport_all
ref_cpu=$(awk -v r="$REC" -v c="$CPU" 'BEGIN { print r / c }')
ref_wall=$(awk -v r="$REC" -v w="$WALL" 'BEGIN { print r / w }')

before="${BEFORE:-}"
[ -z "$before" ] || "$before/dwell" --version >/dev/null
trees=("$root" ${before:+"$before"})
# tag TREE: how a line names the tree it measured ("" for this one when nothing is compared)
tag() { [ -z "$before" ] && return; [ "$1" = "$root" ] && echo " (this)" || echo " (before)"; }

echo "dwell evtx dump (launcher's JVM${DWELL_JAVA_OPTS:+, DWELL_JAVA_OPTS=$DWELL_JAVA_OPTS}; JVM start and JIT included):"
for fmt in jsonl xml; do
  for tree in "${trees[@]}"; do
    for threads in 1 2; do
      measure "dump -t $threads $fmt$(tag "$tree")" "$tree/dwell" evtx dump --threads "$threads" --format "$fmt" "${args[@]}"
      [ "$threads" = 1 ] && one_wall=$WALL
    done
    awk -v a="$one_wall" -v b="$WALL" -v f="$fmt$(tag "$tree")" 'BEGIN { printf "  dump %s: 2 threads take %.2fx less wall time than 1\n", f, a / b }'
  done
done
echo "(dwell's counts include the records carved from slack space that copy no live record: evtxexport exports none)"

# The reader alone, in one JVM: files held in memory, events built with all their fields, no output; 1 and 2
# threads alternate in the same JVM after a warm-up (same JIT-compiled code for both), each pass reads the corpus
# COPIES times, medians of ROUNDS rounds (bench/EvtxThroughput.java).
rounds="${ROUNDS:-5}"
copies="${COPIES:-5}"
echo "dwell reader in-process (bench/EvtxThroughput.java, files from memory: Batch.read of their bytes where a tree has it, else a stream; 1 and 2 threads alternating after a warm-up of 8 s or until the JIT is done, median of $rounds rounds, each pass the corpus x$copies):"
for tree in "${trees[@]}"; do
  cp="$tree/dwell-core/target/classes:$tree/dwell-cli/target/lib/*"
  l=$(load)
  java -Xmx2g -cp "$cp" "$root/bench/EvtxThroughput.java" "$input" "$rounds" "$copies" 8 > "$out/reader" 2> "$out/reader.err"
  sed 's/^/  /' "$out/reader.err"
  while read -r threads rec b w c main workers other jit; do
    [ "$threads" = ceiling ] && continue
    line "reader -t $threads$(tag "$tree")" "$rec" "$b" "$w" "$c" "$l"
    printf "  %-22s cpu by thread: reading (and parsing) %.2f s, pool %.2f s, other (GC, JIT) %.2f s; JIT compiling %.2f s\n" "" "$main" "$workers" "$other" "$jit"
    [ "$threads" = 1 ] && one_wall=$w
    [ "$threads" = 2 ] && two_wall=$w
  done < "$out/reader"
  ceiling=$(awk '$1 == "ceiling" { print $2 }' "$out/reader")
  awk -v a="$one_wall" -v b="$two_wall" -v c="$ceiling" -v t="$(tag "$tree")" 'BEGIN {
    printf "  reader%s: 2 threads take %.2fx less wall time than 1 (the speed-up with both cores)\n", t, a / b
    printf "  machine: a pure arithmetic loop gets %.2fx from a second thread now (2.00 on two idle cores)\n", c }'
done
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
