#!/usr/bin/env bash
# Pivot benchmark (issue 9): multi-year IIS logs (default 1100 MB) with a planted actor; the seed feed names
# only the 2021 address. Prints the first pass (read, parse, detect, index) next to pivot rounds 2..n and
# round 1, the index's size, and the incident's first trace; wc -l over the same files as a reading baseline.
# Usage: bench/pivot.sh [TOTAL_MB]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mb="${1:-1100}"
data="$root/bench/data/pivot-$mb"
if [ ! -f "$data/seed.txt" ]; then
  echo "generating $mb MB of multi-year IIS logs in $data ..." >&2
  java "$root/bench/PivotLogGen.java" "$data" "$mb"
fi
"$root/dwell" --version >/dev/null
cat "$data"/logs/*.log > /dev/null
t0=$(date +%s.%N); wc -l "$data"/logs/*.log | tail -1 >/dev/null; t1=$(date +%s.%N)
DWELL_JAVA_OPTS="-Xmx8g" /usr/bin/time -f "%M" -o "$data/rss.txt" "$root/dwell" scan "$data/logs" --no-builtin \
  --iocs "$data/seed.txt" --no-case --out "$data/out" --format json > "$data/summary.json"
python3 - "$data" "$(echo "$t1 - $t0" | bc)" <<'PY'
import json, sys, os
d, wc = sys.argv[1], float(sys.argv[2])
s = json.load(open(os.path.join(d, "summary.json")))
p = s["pivot"]
rounds = p["rounds"]
later = sum(r["ms"] for r in rounds if r["round"] >= 2)
allr = sum(r["ms"] for r in rounds)
mb = sum(os.path.getsize(os.path.join(d, "logs", f)) for f in os.listdir(os.path.join(d, "logs"))) / 1048576
inc = json.load(open(os.path.join(d, "out", "incidents.json")))["incidents"]
print(f"pivot benchmark: {mb:.0f} MB, {s['events']} events")
print(f"{'stage':<40}{'seconds':>10}")
print(f"{'wc -l (reading baseline)':<40}{wc:>10.2f}")
print(f"{'first pass (parse, detect, index)':<40}{p['first_pass_ms']/1000:>10.2f}")
for r in rounds:
    print(f"{'round %d: %d indicators -> %d findings' % (r['round'], r['indicators'], r['findings']):<40}{r['ms']/1000:>10.3f}")
print(f"rounds 2..n / first pass: {later / p['first_pass_ms'] * 100:.3f}%   all rounds / first pass: {allr / p['first_pass_ms'] * 100:.3f}%")
print(f"index: {p['index_events']} events, {p['index_values']} distinct values, {p['index_bytes']/1048576:.0f} MB of arrays; peak RSS {int(open(os.path.join(d,'rss.txt')).read().split()[-1])/1024:.0f} MB")
for i in inc:
    print(f"{i['id']}: first trace {i['first']}, last {i['last']} ({i['dwell_days']} days), {len(i['findings'])} findings")
PY
