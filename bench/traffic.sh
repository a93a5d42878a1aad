#!/usr/bin/env bash
# Benchmark: traffic analysis on a few hundred MB of an Exchange front end's IIS logs (the generated front end of
# dwell-testkit's TrafficLogs, WEEKS weeks of daily files with its planted flood, spray and brute force, ordinary
# traffic SCALE times as busy), side by side with GoAccess (Debian package goaccess, --log-format=W3C) on the same
# files in the same run: `dwell inventory` (reading alone: what the traffic detector adds is the difference),
# `dwell scan` (the whole scan: built-in pack, traffic, pivot; no case file), `dwell traffic`
# (the traffic analysis alone) and `goaccess` writing its JSON report. Wall time, CPU time (user+sys: meaningful when
# the machine is shared), peak RSS (GNU time), and the ratio to GoAccess's wall time (the issue's target: the whole
# scan within 1.5x). Data goes to bench/data/traffic (gitignored) and is generated once per WEEKS/SCALE.
# Usage: bench/traffic.sh [WEEKS [SCALE]]   (defaults 8 and 2: about 300 MB)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
weeks="${1:-8}"
scale="${2:-2}"
data="$root/bench/data/traffic/${weeks}w-x${scale}"
gnutime=/usr/bin/time
for tool in "$gnutime" goaccess; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y time goaccess" >&2; exit 1; }
done

"$root/dwell" --version >/dev/null   # builds the CLI (and dwell-testkit) if needed, outside the timings
if [ ! -d "$data" ]; then
  echo "generating $weeks weeks of front-end logs at scale $scale in $data (kept for later runs)..." >&2
  (cd "$root" && mvn -B -ntp -q compile -pl dwell-testkit >&2)
  java -cp "$root/dwell-testkit/target/classes" dwell.testkit.TrafficLogs "$data" "$weeks" "$scale" >&2
fi
mapfile -t files < <(find "$data" -name 'u_ex*.log' | sort)
bytes=$(stat -c %s "${files[@]}" | awk '{ s += $1 } END { print s }')
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1048576 }')
cat "${files[@]}" >/dev/null   # the same page-cache state for every tool

# measure OUT COMMAND...: "wall cpu rss_kb" of a command run under GNU time, its stdout to OUT
source "$root/bench/measure.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
read -r ga_wall ga_cpu ga_rss < <(measure "$work/ga.out" goaccess "${files[@]}" --log-format=W3C --no-progress -o "$work/ga.json")
ga_requests=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["general"]["valid_requests"])' "$work/ga.json")
read -r in_wall in_cpu in_rss < <(measure "$work/inventory.json" "$root/dwell" inventory "$data" --format json)
read -r tr_wall tr_cpu tr_rss < <(measure "$work/traffic.json" "$root/dwell" traffic "$data" --format json)
tr_summary=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print("%d requests, episodes: %s" % (sum(s["requests"] for s in d["series"]), ", ".join(e["rule"] for e in d["episodes"])))' "$work/traffic.json")
read -r sc_wall sc_cpu sc_rss < <(measure "$work/scan.out" "$root/dwell" scan "$data" --no-case --out "$work/scan")
sc_findings=$(wc -l <"$work/scan/findings.jsonl")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }'; }
echo "traffic analysis vs GoAccess on $mb MB of IIS W3C logs (${#files[@]} files): $(nproc) cores, load average" \
  "$(cut -d' ' -f1-3 /proc/loadavg), JVM options ${DWELL_JAVA_OPTS:--Xmx4g (default)}"
printf "%-15s %8s s wall %8s s cpu %6s MB RSS  %6s of GoAccess  %s\n" "goaccess" "$ga_wall" "$ga_cpu" "$(( ga_rss / 1024 ))" "1.00x" "$ga_requests requests"
printf "%-15s %8s s wall %8s s cpu %6s MB RSS  %6s of GoAccess  %s\n" "dwell inventory" "$in_wall" "$in_cpu" "$(( in_rss / 1024 ))" "$(ratio "$in_wall" "$ga_wall")" "reading alone, no detector"
printf "%-15s %8s s wall %8s s cpu %6s MB RSS  %6s of GoAccess  %s\n" "dwell traffic" "$tr_wall" "$tr_cpu" "$(( tr_rss / 1024 ))" "$(ratio "$tr_wall" "$ga_wall")" "$tr_summary"
printf "%-15s %8s s wall %8s s cpu %6s MB RSS  %6s of GoAccess  %s\n" "dwell scan" "$sc_wall" "$sc_cpu" "$(( sc_rss / 1024 ))" "$(ratio "$sc_wall" "$ga_wall")" "$sc_findings findings"
