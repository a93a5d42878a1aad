#!/usr/bin/env bash
# The issue 20 scan's stages after reading ("pivoting", "writing the output", "writing the case and report") in another
# built tree (BEFORE) and this one, alternating, N rounds (default 5): each stage's wall and process CPU as
# -Ddwell.scan.timing prints them, their sum (the wall from the last event read to the end of the case stage), and
# the whole process's CPU (/usr/bin/time), each run beside the load; then the means. The property comes through
# JAVA_TOOL_OPTIONS, so the launcher keeps the scan's JVM options. Rule caches should be warm.
# RR=1 runs each scan under `chrt -r 1` (real-time round-robin), so that a loaded machine's other work waits instead
# (the stages' threads then have the two cores much as on an idle machine).
# Usage: BEFORE=DIR [N=5] [RR=1] bench/tail-stages.sh
set -u
source "$(dirname "${BASH_SOURCE[0]}")/scan-ab-env.sh"
printf '%-7s %13s %13s %13s %13s %12s %6s\n' tree "pivot w/cpu" "output w/cpu" "case w/cpu" "tail w/cpu" "process cpu" load
for round in $(seq 1 "$N"); do
  order="before after"; [ $((round % 2)) = 0 ] && order="after before"
  for t in $order; do
    d=$BEFORE; [ $t = after ] && d=$root
    rm -rf "${out:?}/$t"
    (cd "$d" && JAVA_TOOL_OPTIONS=-Ddwell.scan.timing /usr/bin/time -f "time %e %U %S" "${rr[@]}" ./dwell scan "$S" --rules "$R" \
      --no-builtin -o "$out/$t" --quiet >/dev/null 2>"$out/$t.err")
    awk -v t=$t -v load="$(cut -d' ' -f1 /proc/loadavg)" '
      function wc(   i, w, c) { for (i = 1; i <= NF; i++) { if ($i == "wall") w = $(i - 2); if ($i == "cpu") c = $(i - 2) } return w " " c }
      /^timing: pivoting/ { split(wc(), p) } /^timing: writing the output/ { split(wc(), o) } /^timing: writing the case/ { split(wc(), k) }
      $1 == "time" { c = $3 + $4 }
      END { printf "%-7s %6.2f %6.2f %6.2f %6.2f %6.2f %6.2f %6.2f %6.2f %12.2f %6s\n", t, p[1], p[2], o[1], o[2], k[1], k[2],
        p[1] + o[1] + k[1], p[2] + o[2] + k[2], c, load }' "$out/$t.err" | tee -a "$out/all"
  done
done
awk '{ n[$1]++; for (i = 2; i <= 10; i++) s[$1, i] += $i }
  END { for (t in n) { printf "mean %-7s", t; for (i = 2; i <= 10; i++) printf " %6.3f", s[t, i] / n[t]; printf "  (%d runs)\n", n[t] } }' \
  "$out/all" | sort -k2
