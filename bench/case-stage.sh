#!/usr/bin/env bash
# The issue 20 scan's case stage ("writing the case and report": import into OUT/case.duckdb and OUT/report.html) in
# another built tree (BEFORE) and this one, alternating, N rounds (default 5): the stage's wall and CPU seconds as
# -Ddwell.scan.timing prints them, and the whole process's (/usr/bin/time), with the load after each round. Rule caches
# should be warm (run each tree's scan once first).
# RR=1 runs each scan under `chrt -r 1` (real-time round-robin), so that a loaded machine's other work waits instead.
# Usage: BEFORE=DIR [N=5] [RR=1] bench/case-stage.sh
set -u
source "$(dirname "${BASH_SOURCE[0]}")/scan-ab-env.sh"
printf '%-8s %28s %28s\n' tree "case stage: wall / cpu s" "whole scan: wall / cpu s"
for _ in $(seq 1 "$N"); do
  for t in before after; do
    d=$BEFORE; [ $t = after ] && d=$root
    rm -rf "${out:?}/$t"
    (cd "$d" && JAVA_TOOL_OPTIONS=-Ddwell.scan.timing=true /usr/bin/time -f "time %e %U %S" "${rr[@]}" ./dwell scan "$S" --rules "$R" \
      --no-builtin -o "$out/$t" --quiet >/dev/null 2>"$out/$t.err")
    awk -v t=$t '/timing: writing the case and report/ { for (i = 1; i <= NF; i++) { if ($i == "wall") w = $(i - 2); if ($i == "cpu") c = $(i - 2) } }
      /^time / { printf "%-8s %13.2f / %5.2f %20.2f / %5.2f\n", t, w, c, $2, $3 + $4 }' "$out/$t.err"
  done
  echo "load $(cut -d' ' -f1 /proc/loadavg)"
done
