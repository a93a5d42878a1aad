#!/usr/bin/env bash
# Pivot benchmark (issues 9 and 14): multi-year IIS logs (bench/PivotLogGen.java) with a planted actor; the seed
# feed names only the 2021 address. For each size (MB of logs) and each JVM heap it prints the first pass (read,
# parse, detect, index) next to wc -l over the same files, the pivot rounds, the index's bytes per event in memory
# and on disk, the peak RSS, and the incident's first trace. A run that fails (e.g. out of memory) says so.
# Usage: bench/pivot.sh [SIZE_MB...]           (default: 1024 4096)
#   HEAPS="4g 1g"            JVM heaps to run with (default: the launcher's 4g, and 1g)
#   DWELL_BIN=/other/dwell   another build of dwell, e.g. the main branch's, for before/after figures
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${DWELL_BIN:-$root/dwell}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1024 4096)
heaps=(${HEAPS:-4g 1g})
"$bin" --version >/dev/null
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
for mb in "${sizes[@]}"; do
  data="$root/bench/data/pivot-$mb"
  if [ ! -f "$data/seed.txt" ]; then
    echo "generating $mb MB of multi-year IIS logs in $data ..." >&2
    java "$root/bench/PivotLogGen.java" "$data" "$mb"
  fi
  cat "$data"/logs/*.log > /dev/null
  /usr/bin/time -f "%e %U %S" -o "$results/wc-$mb" wc -l "$data"/logs/*.log | tail -1 | awk '{print $1}' > "$results/lines-$mb"
  for heap in "${heaps[@]}"; do
    out="$results/out-$mb-$heap"
    set +e
    DWELL_JAVA_OPTS="-Xmx$heap" /usr/bin/time -f "%e %U %S %M" -o "$results/time-$mb-$heap" "$bin" scan "$data/logs" \
      --no-builtin --iocs "$data/seed.txt" --no-case --out "$out" --format json > "$results/summary-$mb-$heap.json" 2> "$results/err-$mb-$heap"
    echo $? > "$results/exit-$mb-$heap"
    set -e
  done
done
python3 - "$results" "$root/bench/data" "${sizes[*]}" "${heaps[*]}" <<'PY'
import json, os, sys
res, data, sizes, heaps = sys.argv[1], sys.argv[2], sys.argv[3].split(), sys.argv[4].split()
def read(p):
    return open(os.path.join(res, p)).read()
for mb in sizes:
    logs = os.path.join(data, f"pivot-{mb}", "logs")
    size = sum(os.path.getsize(os.path.join(logs, f)) for f in os.listdir(logs)) / 1048576
    wall, user, sys_ = map(float, read(f"wc-{mb}").split()[-3:])
    print(f"pivot benchmark: {size:.0f} MB of logs, {int(read(f'lines-{mb}'))} lines")
    print(f"  {'wc -l (reading baseline)':<34}{wall:>8.2f} s wall {user + sys_:>7.2f} s cpu")
    for heap in heaps:
        t = read(f"time-{mb}-{heap}").split()
        wall, cpu, rss = float(t[-4]), float(t[-3]) + float(t[-2]), int(t[-1]) / 1024
        head = f"  dwell scan -Xmx{heap:<6}"
        code = int(read(f"exit-{mb}-{heap}"))
        if code != 0:
            err = read(f"err-{mb}-{heap}")
            why = next((l.strip() for l in err.splitlines() if "Error" in l or "error" in l), err.strip()[-200:])
            print(f"{head}{'':<16}{wall:>8.2f} s wall {cpu:>7.2f} s cpu  peak RSS {rss:>6.0f} MB  FAILED (exit {code}): {why}")
            continue
        s = json.loads(read(f"summary-{mb}-{heap}.json"))
        p = s["pivot"]
        n = p.get("index_events", 0) or 1
        mem = p.get("index_bytes", 0) / n
        disk = p.get("index_disk_bytes", 0) / n
        print(f"{head}first pass {p['first_pass_ms'] / 1000:>6.2f} s {wall:>8.2f} s wall {cpu:>7.2f} s cpu  peak RSS {rss:>6.0f} MB"
              f"  index {p.get('index_events', 0)} events: {mem:5.1f} B/event in memory, {disk:5.1f} B/event on disk"
              f"  [{p.get('status', 'complete')}]")
        if p.get("limit"):
            print(f"      limit: {p['limit']}")
        rounds = p.get("rounds", [])
        if rounds:
            print("      rounds: " + ", ".join(f"{r['round']}: {r['indicators']} indicators -> {r['findings']} findings in {r['ms']:.1f} ms" for r in rounds))
        inc = json.load(open(os.path.join(res, f"out-{mb}-{heap}", "incidents.json")))["incidents"]
        for i in inc:
            print(f"      {i['id']}: first trace {i['first']}, last {i['last']} ({i['dwell_days']} days), {len(i['findings'])} findings")
PY
