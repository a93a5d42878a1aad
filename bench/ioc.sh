#!/usr/bin/env bash
# IOC engine benchmark (issue 6): 100,000 indicators (40k IPv4, 40k domains, 20k SHA-256) over >= 1 GB of
# generated IIS W3C logs. Prints, side by side from one run, ripgrep's fixed-string search of the same values
# (`rg -F -f values.txt`, which only greps) and `dwell scan --iocs` (which parses every line and matches by field:
# addresses in c-ip, domains in cs-host and URLs), plus the time dwell takes to load the 100,000 indicators;
# then the cost split on one thread, in one JVM (bench/IocMatchThroughput.java): loading the feed, and reading the
# first log file alone against reading it with every event matched (ROUNDS rounds, default 3).
# Usage: bench/ioc.sh [TOTAL_MB (default 1100)] [FILES (default 11)] [THREADS (default: cores)]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mb="${1:-1100}"
files="${2:-11}"
threads="${3:-$(nproc)}"
data="$root/bench/data/ioc-$mb"
command -v rg >/dev/null || { echo "ripgrep (rg) is needed: apt-get install ripgrep" >&2; exit 2; }

if [ ! -f "$data/expected.txt" ]; then
  echo "generating $mb MB of IIS logs and 100,000 indicators in $data ..." >&2
  mkdir -p "$data"
  java "$root/bench/IisLogGen.java" "$data" "$mb" "$files"
fi
read -r expected lines < "$data/expected.txt"
bytes=$(du -cb "$data"/logs/*.log | tail -1 | cut -f1)
"$root/dwell" --version >/dev/null   # builds the CLI first if needed, outside the timings

now() { date +%s.%N; }
# the IOC engine alone: the built-in pack, the pivot re-hunt and the case file would add findings and time of their own
only_iocs=(--no-builtin --no-pivot --no-case)
# warm the page cache the same way for both tools
cat "$data"/logs/*.log > /dev/null

t0=$(now)
rg_lines=$(rg -F -f "$data/values.txt" -c --no-filename "$data/logs" | awk '{s+=$1} END {print s+0}')
t1=$(now)

empty="$data/empty"; mkdir -p "$empty"; : > "$empty/none.log"
t2=$(now)
"$root/dwell" scan "$empty" "${only_iocs[@]}" --iocs "$data/iocs.txt" --out "$data/out-load" --format json > "$data/load.json"
t3=$(now)

t4=$(now)
"$root/dwell" scan "$data/logs" "${only_iocs[@]}" --iocs "$data/iocs.txt" --out "$data/out" --threads "$threads" --format json > "$data/summary.json"
t5=$(now)

findings=$(wc -l < "$data/out/findings.jsonl")
events=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["events"])' "$data/summary.json")
loaded=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["iocs"]["loaded"])' "$data/load.json")

awk -v b="$bytes" -v rg="$(echo "$t1 - $t0" | bc)" -v dw="$(echo "$t5 - $t4" | bc)" -v ld="$(echo "$t3 - $t2" | bc)" \
    -v rgl="$rg_lines" -v f="$findings" -v want="$expected" -v ev="$events" -v lines="$lines" -v loaded="$loaded" -v th="$threads" 'BEGIN {
  mb = b / 1048576
  printf "IOC benchmark: %.0f MB of IIS W3C logs (%d lines), 100,000 indicators, %d threads\n", mb, lines, th
  printf "%-44s %10s %10s  %s\n", "tool", "seconds", "MB/s", "result"
  printf "%-44s %10.2f %10.1f  %d matching lines (substring, any column)\n", "rg -F -f values.txt", rg, mb / rg, rgl
  printf "%-44s %10.2f %10.1f  %d findings (expected %d), %d events parsed\n", "dwell scan --iocs (parse + match by field)", dw, mb / dw, f, want, ev
  printf "dwell / rg time: %.2fx\n", dw / rg
  printf "loading %d indicators (dwell scan of an empty file, JVM start included): %.2f s\n", loaded, ld
}'
if [ "$findings" != "$expected" ]; then
  echo "MISMATCH: dwell found $findings, the generator planted $expected" >&2
  exit 1
fi
first_log=$(find "$data/logs" -name '*.log' | sort | head -1)
echo "one thread, in-process (bench/IocMatchThroughput.java) on $(basename "$first_log"):"
java -Xmx4g -cp "$root/dwell-cli/target/lib/*" "$root/bench/IocMatchThroughput.java" "$data/iocs.txt" "$first_log" "${ROUNDS:-3}" \
  | sed 's/^/  /'
