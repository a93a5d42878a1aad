#!/usr/bin/env bash
# The local engine on gigabytes of IIS logs (issues 20/21): bench/spark.sh's local run (--no-builtin, the seed feed,
# signature-base's Hafnium log signatures, the pivot on, -Xmx2g), in alternating runs of another tree (main before a
# change: its ./dwell) and this one, side by side: wall and CPU time (user+sys) and the load at each start, and whether
# each run's findings.jsonl and incidents.json are byte-identical to the other tree's first run.
# Usage: bench/local-big.sh OTHER_TREE [SIZE_MB] [PAIRS]     (defaults 1024, 3; data in bench/data/pivot-SIZE_MB)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
other="$(cd "${1:?usage: bench/local-big.sh OTHER_TREE [SIZE_MB] [PAIRS]}" && pwd)"
mb="${2:-1024}" pairs="${3:-3}"
data="$root/bench/data/pivot-$mb"
yara="$root/../shared/corpora/signature-base/yara/apt_hafnium_log_sigs.yar"
[ -f "$data/seed.txt" ] || { echo "missing $data (bench/spark.sh makes it)" >&2; exit 1; }
[ -f "$yara" ] || { echo "missing $yara" >&2; exit 1; }
out="$root/bench/data/local-big-$mb"
rm -rf "$out"; mkdir -p "$out"
"$other/dwell" --version >/dev/null; "$root/dwell" --version >/dev/null
cat "$data"/logs/*.log > /dev/null
run() { # name tree
  local name="$1" tree="$2"
  cut -d' ' -f1 /proc/loadavg > "$out/load-$name"
  DWELL_JAVA_OPTS="-Xmx2g" /usr/bin/time -f "%e %U %S" -o "$out/time-$name" "$tree/dwell" scan "$data/logs" --no-builtin \
    --iocs "$data/seed.txt" --yara "$yara" --no-case --out "$out/out-$name" --format json > /dev/null 2> "$out/err-$name" \
    || { echo "$name failed:" >&2; tail -5 "$out/err-$name" >&2; }
}
for i in $(seq 1 "$pairs"); do
  run "before-$i" "$other"
  run "after-$i" "$root"
done
printf '%-10s %10s %10s %8s   %s\n' run wall cpu load "findings, incidents"
for i in $(seq 1 "$pairs"); do
  for side in before after; do
    n="$side-$i"
    read -r wall user sys < "$out/time-$n"
    same=identical
    for f in findings.jsonl incidents.json; do
      cmp -s "$out/out-before-1/$f" "$out/out-$n/$f" || same="DIFFERENT ($f)"
    done
    printf '%-10s %8.1f s %8.1f s %8s   %s\n' "$n" "$wall" "$(echo "$user + $sys" | bc)" "$(cat "$out/load-$n")" "$same"
  done
done
