#!/usr/bin/env bash
# The issue 20 scan's reading stage (EVTX decoding and the hunt: Sigma runs on each event as it is read) in another
# built tree (BEFORE) and this one, alternating (the order too), N rounds (default 5): the stage's wall and process CPU as
# -Ddwell.scan.timing prints them ("reading": every thread of the process, the JIT's and the collector's included), and
# the whole process's (/usr/bin/time), each run beside the load. RR=1 runs each scan under `chrt -r 1` (real-time round
# robin: on a loaded machine the runs get the cores as on an idle one); last, the run's young collections and their
# pauses' sum (-Xlog:gc). Rule caches should be warm.
# Usage: BEFORE=DIR [N=5] [RR=1] bench/scan-reading.sh
set -u
source "$(dirname "${BASH_SOURCE[0]}")/scan-ab-env.sh"
for d in "$BEFORE" "$root"; do "$d/dwell" --version >/dev/null; done   # builds outside the timing
printf '%-7s %22s %22s %6s %12s\n' tree "reading wall/cpu s" "process wall/cpu s" load "gcs pause ms"
for round in $(seq 1 "$N"); do
  # alternating: the second run of a round reuses memory the first has just freed (see scan-triples.sh)
  order="before after"; [ $((round % 2)) = 0 ] && order="after before"
  for t in $order; do
    d=$BEFORE; [ $t = after ] && d=$root
    rm -rf "${out:?}/$t" "$out/gc.log"
    (cd "$d" && JAVA_TOOL_OPTIONS="-Ddwell.scan.timing -Xlog:gc:file=$out/gc.log" "${rr[@]}" /usr/bin/time -f "time %e %U %S" ./dwell scan "$S" --rules "$R" \
      --no-builtin -o "$out/$t" --quiet >/dev/null 2>"$out/$t.err")
    gcs=$(awk '/Pause/ { n++; sub(/ms$/, "", $NF); p += $NF } END { printf "%d %.0f", n, p }' "$out/gc.log")
    awk -v t=$t -v load="$(cut -d' ' -f1 /proc/loadavg)" -v gcs="$gcs" '
      $1 == "timing:" && $2 == "reading" { rw = $3; rc = $6 }
      $1 == "time" { w = $2; c = $3 + $4 }
      END { split(gcs, g, " "); printf "%-7s %10s %10s %10.2f %10.2f %6s %5d %6d\n", t, rw, rc, w, c, load, g[1], g[2] }' "$out/$t.err" | tee -a "$out/all"
  done
done
awk '{ n[$1]++; rw[$1] += $2; rc[$1] += $3; w[$1] += $4; c[$1] += $5; g[$1] += $7; p[$1] += $8 }
  END { for (t in n) printf "mean %-7s %6.3f %6.3f %10.2f %10.2f %6s %5.1f %6.0f (%d runs)\n", t, rw[t] / n[t], rc[t] / n[t], w[t] / n[t], c[t] / n[t], "", g[t] / n[t], p[t] / n[t], n[t] }' \
  "$out/all" | sort -k2
