#!/usr/bin/env bash
# DuckDB's native library in the release archive (issue 20): the archive unpacked twice, as built (the driver's library
# kept in the user's cache folder and loaded in place, dwell.casefile.DuckDbLibrary) and with the driver's jar as
# released on the class path instead (the layout before: the driver copies its 57 MB library into a temporary file on
# every run that opens a case), then in alternating pairs, /usr/bin/time: a scan of an empty folder and `dwell report`
# of its case (each opens a case), and `dwell --version` (opens none). Both share one cache folder (rule caches warm).
# Needs dwell-cli/target/dwell-VERSION.zip (mvn -B -ntp -o -pl dwell-cli -am package -DskipTests).
# Usage: bench/release-duckdb.sh [PAIRS]   (default 5; wall and CPU = user + system seconds, means per side)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
zip=$(ls "$root"/dwell-cli/target/dwell-*.zip)
pairs=${1:-5}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export DWELL_CACHE_DIR="$out/cache"
for side in kept copied; do
  mkdir -p "$out/$side" && unzip -q "$zip" -d "$out/$side"
done
kept=$(echo "$out"/kept/dwell-*) copied=$(echo "$out"/copied/dwell-*)
mv "$copied"/lib/native/duckdb_jdbc-*.jar "$copied/lib/" && rm -r "$copied/lib/native" "$copied/lib/duckdb_jdbc-classes.jar"
mkdir "$out/empty"
for side in "$kept" "$copied"; do   # class-data archives, the library kept, rule caches: outside the timings
  "$side/bin/dwell" scan "$out/empty" --out "$out/warm" --quiet >/dev/null 2>&1 && rm -rf "$out/warm"
done
t() {  # t SIDE NAME CMD...: appends "wall cpu" of CMD to $out/SIDE.NAME
  local side=$1 name=$2; shift 2
  /usr/bin/time -f '%e %U %S' -o "$out/t" "$@" >/dev/null 2>"$out/err" || { cat "$out/err" >&2; exit 1; }
  awk '{print $1, $2 + $3}' "$out/t" >> "$out/$side.$name"
}
echo "2 cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$pairs"); do
  for side in kept copied; do
    home=$kept; [ $side = copied ] && home=$copied
    rm -rf "$out/scan"
    t $side scan "$home/bin/dwell" scan "$out/empty" --out "$out/scan" --quiet
    t $side report "$home/bin/dwell" report "$out/scan/case.duckdb" --format html --out "$out/report.html"
    t $side version "$home/bin/dwell" --version
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); $pairs alternating pairs, means (min-max)"
printf '%-34s %-34s %s\n' "command" "library kept (this release)" "library copied each run (before)"
for name in scan:"scan of an empty folder" report:"report --format html of its case" version:"dwell --version"; do
  printf '%-34s' "${name#*:}"
  for side in kept copied; do
    awk '{w += $1; c += $2; if (NR == 1 || $2 < lo) lo = $2; if ($2 > hi) hi = $2} END {
      printf " %5.2f s wall, cpu %5.2f (%4.2f-%4.2f)     ", w / NR, c / NR, lo, hi}' "$out/$side.${name%%:*}"
  done
  echo
done
