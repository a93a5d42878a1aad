#!/usr/bin/env bash
# The issue 20 scan, whole processes, in alternating triples: evtxexport of the 277 EVTX samples (one process per
# file, as bench/startup.sh runs it), the scan in another built tree (BEFORE), the scan in this tree; /usr/bin/time
# each, N rounds (default 5; the two scans' order alternates), the load after each round, then the means. Rule caches
# should be warm (run each tree's scan once first).
# Usage: BEFORE=DIR [N=5] bench/scan-triples.sh   (DIR: e.g. `git archive REV | tar -x -C DIR`, built with ./dwell)
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpora="$(cd "$root/../shared/corpora" && pwd -P)"
N=${N:-5}; BEFORE=${BEFORE:?BEFORE=DIR: another built tree}
S=$corpora/evtx-attack-samples; R=$corpora/sigma/rules/windows
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
for round in $(seq 1 "$N"); do
  /usr/bin/time -f "evtxexport %e s wall %U+%S cpu" bash -c "find '$S' -name '*.evtx' -print0 | xargs -0 -n 1 evtxexport -f xml >/dev/null 2>&1" 2>&1 | tail -1 | tee -a "$out/all"
  # the order alternates: the second scan of a round reuses memory the first has just freed, which on this VM is
  # cheaper to touch than memory freed seconds earlier (handed back to the host by then, and faulted in again there)
  order="before after"; [ $((round % 2)) = 0 ] && order="after before"
  for t in $order; do
    d=$BEFORE; [ $t = after ] && d=$root
    rm -rf "${out:?}/$t"
    (cd "$d" && /usr/bin/time -f "$t %e s wall %U+%S cpu" ./dwell scan "$S" --rules "$R" --no-builtin -o "$out/$t" --quiet \
      >/dev/null 2>"$out/$t.err"; tail -1 "$out/$t.err" | tee -a "$out/all")
  done
  echo "load $(cut -d' ' -f1 /proc/loadavg)"
done
awk '$3 == "s" { split($5, c, "+"); cpu[$1] += c[1] + c[2]; wall[$1] += $2; n[$1]++ }
  END { for (k in n) printf "%-10s mean of %d: %.2f s wall, %.2f s cpu\n", k, n[k], wall[k] / n[k], cpu[k] / n[k] }' "$out/all" | sort
