#!/usr/bin/env bash
# The issue 20 scan's pivot stage (rounds, the pivot's events, incidents, impact) in another built tree (BEFORE) and
# this one, alternating, N rounds (default 5): the stage's wall and process CPU as -Ddwell.scan.timing prints them
# ("pivoting": the process's every thread, the JIT's and the collector's included), and the whole process's
# (/usr/bin/time), each run beside the load. The property comes through JAVA_TOOL_OPTIONS, so the launcher picks the
# scan's JVM options as for any run (DWELL_JAVA_OPTS would replace them). Rule caches should be warm.
# Usage: BEFORE=DIR [N=5] bench/pivot-stage.sh
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpora="$(cd "$root/../shared/corpora" && pwd -P)"
N=${N:-5}; BEFORE=${BEFORE:?BEFORE=DIR: another built tree}
S=$corpora/evtx-attack-samples; R=$corpora/sigma/rules/windows
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
printf '%-7s %22s %22s %6s\n' tree "pivoting wall/cpu s" "process wall/cpu s" load
for _ in $(seq 1 "$N"); do
  for t in before after; do
    d=$BEFORE; [ $t = after ] && d=$root
    rm -rf "${out:?}/$t"
    (cd "$d" && JAVA_TOOL_OPTIONS=-Ddwell.scan.timing /usr/bin/time -f "time %e %U %S" ./dwell scan "$S" --rules "$R" \
      --no-builtin -o "$out/$t" --quiet >/dev/null 2>"$out/$t.err")
    awk -v t=$t -v load="$(cut -d' ' -f1 /proc/loadavg)" '
      $1 == "timing:" && $2 == "pivoting" { pw = $3; pc = $6 }
      $1 == "time" { w = $2; c = $3 + $4 }
      END { printf "%-7s %10s %10s %10.2f %10.2f %6s\n", t, pw, pc, w, c, load }' "$out/$t.err" | tee -a "$out/all"
  done
done
awk '{ n[$1]++; pw[$1] += $2; pc[$1] += $3; w[$1] += $4; c[$1] += $5 }
  END { for (t in n) printf "mean %-7s %6.3f %6.3f %10.2f %10.2f  (%d runs)\n", t, pw[t] / n[t], pc[t] / n[t], w[t] / n[t], c[t] / n[t], n[t] }' \
  "$out/all" | sort -k2
