#!/usr/bin/env bash
# The issue 20 scan, whole processes, in alternating triples: evtxexport of the 277 EVTX samples (one process per
# file, as bench/startup.sh runs it), the scan in another built tree (BEFORE), the scan in this tree; /usr/bin/time
# each, N rounds (default 5), the load after each round. Rule caches should be warm (run each tree's scan once first).
# Usage: BEFORE=DIR [N=5] bench/scan-triples.sh   (DIR: e.g. `git archive REV | tar -x -C DIR`, built with ./dwell)
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpora="$(cd "$root/../shared/corpora" && pwd -P)"
N=${N:-5}; BEFORE=${BEFORE:?BEFORE=DIR: another built tree}
S=$corpora/evtx-attack-samples; R=$corpora/sigma/rules/windows
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
for _ in $(seq 1 "$N"); do
  /usr/bin/time -f "evtxexport %e s wall %U+%S cpu" bash -c "find '$S' -name '*.evtx' -print0 | xargs -0 -n 1 evtxexport -f xml >/dev/null 2>&1" 2>&1 | tail -1
  for t in before after; do
    d=$BEFORE; [ $t = after ] && d=$root
    rm -rf "${out:?}/$t"
    (cd "$d" && /usr/bin/time -f "$t %e s wall %U+%S cpu" ./dwell scan "$S" --rules "$R" --no-builtin -o "$out/$t" --quiet \
      >/dev/null 2>"$out/$t.err"; tail -1 "$out/$t.err")
  done
  echo "load $(cut -d' ' -f1 /proc/loadavg)"
done
