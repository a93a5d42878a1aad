#!/usr/bin/env bash
# The issue 20 scan's "writing the output" stage (bench/OutputStageBench.java: ScanWriter.write after the scan, in one
# JVM with the scan's options, C1 alone and the serial collector) in another built tree (BEFORE) and this one,
# alternating, N rounds (default 4): the first write's wall and process CPU (cold code, as a scan pays it) and the
# third's (the work itself), beside the load.
# Usage: BEFORE=DIR [N=4] bench/output-stage.sh   (DIR: e.g. /work/base, built with ./dwell)
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpora="$(cd "$root/../shared/corpora" && pwd -P)"
N=${N:-4}; BEFORE=${BEFORE:?BEFORE=DIR: another built tree}
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
printf '%-7s %20s %20s %6s\n' tree "cold write wall/cpu" "3rd write wall/cpu" load
for _ in $(seq 1 "$N"); do
  for t in before after; do
    d=$BEFORE; [ $t = after ] && d=$root
    (cd "$d" && java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx4160m -XX:MaxNewSize=640m \
      -cp "dwell-cli/target/dwell-cli.jar:dwell-cli/target/lib/*" "$root/bench/OutputStageBench.java" \
      "$corpora/evtx-attack-samples" "$corpora/sigma/rules/windows" "$out/$t" 3 2>/dev/null) > "$out/$t.txt"
    awk -v t=$t -v load="$(cut -d' ' -f1 /proc/loadavg)" '
      $2 == 1 { cw = $4; cc = $6 } $2 == 3 { ww = $4; wc = $6 }
      END { printf "%-7s %10s %9s %10s %9s %6s\n", t, cw, cc, ww, wc, load }' "$out/$t.txt" | tee -a "$out/all"
  done
done
awk '{ n[$1]++; cw[$1] += $2; cc[$1] += $3; ww[$1] += $4; wc[$1] += $5 }
  END { for (t in n) printf "mean %-7s %6.3f %9.3f %10.3f %9.3f  (%d runs)\n", t, cw[t] / n[t], cc[t] / n[t], ww[t] / n[t], wc[t] / n[t], n[t] }' \
  "$out/all" | sort -k2
