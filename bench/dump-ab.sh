#!/usr/bin/env bash
# Whole-process `dwell evtx dump` (JVM start, class loading and JIT included) of BEFORE (another built tree) and of
# this tree, run alternately so that a loaded machine's load hits both alike: CPU (user+sys) and wall time of each
# run, then the means side by side. Output goes to a file, as in bench/evtx.sh.
# Usage: BEFORE=OTHER_TREE bench/dump-ab.sh [PAIRS] [PASSES] [DIR]
#   (default: 5 pairs, 5 passes over the 277 EVTX attack samples; each pair runs jsonl and xml with 1 and 2 threads)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
before="${BEFORE:?set BEFORE to the tree to compare with}"
pairs="${1:-5}"
passes="${2:-5}"
input="${3:-$root/../shared/corpora/evtx-attack-samples}"
"$root/dwell" --version >/dev/null # build (and train the archive) first, outside the timings
"$before/dwell" --version >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# dwell reads a file named twice once, so each pass gets its own name: a symbolic link to the input
args=()
for i in $(seq "$passes"); do
  ln -s "$(realpath "$input")" "$out/pass$i"
  args+=("$out/pass$i")
done
echo "input: $input x$passes passes, $pairs pairs; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
for p in $(seq "$pairs"); do
  for fmt in jsonl xml; do
    for t in 1 2; do
      for tree in "$before" "$root"; do
        [ "$tree" = "$root" ] && side=this || side=before
        l=$(cut -d' ' -f1 /proc/loadavg)
        /usr/bin/time -o "$out/time" -f "%e %U %S" "$tree/dwell" evtx dump --threads "$t" --format "$fmt" "${args[@]}" \
          > "$out/stdout" 2>/dev/null
        echo "$p $fmt -t$t $side $(tail -1 "$out/time") $l"
      done
    done
  done
done | awk '{ k = $2 " " $3; cpu = $6 + $7; print; c[k, $4] += cpu; w[k, $4] += $5; n[k, $4]++; keys[k] = 1 }
  END {
    printf "%-10s %22s %22s %8s\n", "means", "before: cpu s  wall s", "this: cpu s  wall s", "cpu"
    for (k in keys) printf "%-10s %13.3f %8.3f %13.3f %8.3f %+7.1f%%\n", k, c[k, "before"] / n[k, "before"],
      w[k, "before"] / n[k, "before"], c[k, "this"] / n[k, "this"], w[k, "this"] / n[k, "this"],
      100 * (c[k, "this"] / c[k, "before"] - 1)
  }'
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
