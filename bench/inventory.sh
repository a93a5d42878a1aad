#!/usr/bin/env bash
# Benchmark: `dwell inventory` on 1 GB and 4 GB of IIS W3C logs, side by side with `wc -l` on the same files
# in the same run: wall time, CPU time (user+sys, meaningful when the machine is shared), MB/s of each, and
# dwell's peak RSS at both sizes (GNU time). Data goes to bench/data/ (gitignored) and is generated once.
# Then the W3C reader alone on the first file, in one JVM without the catalog, hashing and output
# (bench/ReaderThroughput.java, ROUNDS rounds, default 3): what the command adds around the reader.
# Usage: bench/inventory.sh [SMALL_MB [LARGE_MB]]   (defaults 1024 and 4096)
#        DWELL_JAVA_OPTS=-Xmx256m bench/inventory.sh  (the heap cap dwell runs under; default -Xmx4g)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
small_mb="${1:-1024}"
large_mb="${2:-4096}"
data="$root/bench/data/w3c"
gnutime=/usr/bin/time
if [ ! -x "$gnutime" ]; then
  echo "GNU time is needed for peak RSS: apt-get install -y time" >&2
  exit 1
fi

echo "generating $large_mb MB of IIS W3C logs in $data (kept for later runs)..." >&2
python3 "$root/bench/gen-w3c.py" "$data" "$large_mb"
"$root/dwell" --version >/dev/null   # builds the CLI if needed, outside the timings

mapfile -t all < <(find "$data" -name 'u_ex*.log' | sort)
file_mb=$(( $(stat -c %s "${all[0]}") >> 20 ))
small_n=$(( (small_mb + file_mb - 1) / file_mb ))
large_n=$(( (large_mb + file_mb - 1) / file_mb ))

# measure OUT COMMAND...: "wall cpu rss_kb" of a command run under GNU time, its stdout to OUT
source "$root/bench/measure.sh"

rate() { awk -v b="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", b / 1048576 / s; else print "-" }'; }

run() {
  local label="$1" n="$2"
  local files=("${all[@]:0:$n}")
  local bytes mb
  bytes=$(stat -c %s "${files[@]}" | awk '{ s += $1 } END { print s }')
  mb=$(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1048576 }')
  cat "${files[@]}" >/dev/null   # the same page-cache state for both tools
  local out wc dw
  out=$(mktemp)
  read -r wc_wall wc_cpu _ < <(measure "$out" wc -l "${files[@]}")
  local lines
  lines=$(tail -1 "$out" | awk '{ print $1 }')
  read -r dw_wall dw_cpu dw_rss < <(measure "$out" "$root/dwell" inventory "${files[@]}" --format json)
  local events errors
  events=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["total_events"])' "$out")
  errors=$(python3 -c 'import json,sys; print(sum(i["errors"] for i in json.load(open(sys.argv[1]))["items"]))' "$out")
  rm -f "$out"
  printf "%-5s %3d files %5s MB | wc -l          %9s lines  %6.1f s wall %5s MB/s  %6.1f s cpu %5s MB/cpu-s\n" \
    "$label" "$n" "$mb" "$lines" "$wc_wall" "$(rate "$bytes" "$wc_wall")" "$wc_cpu" "$(rate "$bytes" "$wc_cpu")"
  printf "%-5s %3d files %5s MB | dwell inventory %9s events %6.1f s wall %5s MB/s  %6.1f s cpu %5s MB/cpu-s  peak RSS %5d MB  (%d errors)\n" \
    "$label" "$n" "$mb" "$events" "$dw_wall" "$(rate "$bytes" "$dw_wall")" "$dw_cpu" "$(rate "$bytes" "$dw_cpu")" \
    "$(( dw_rss / 1024 ))" "$errors"
}

echo "dwell inventory vs wc -l on IIS W3C logs: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
  "JVM options ${DWELL_JAVA_OPTS:--Xmx4g (default)}"
echo "(lines = events + 4 directive lines per file; cpu = user + sys seconds)"
run small "$small_n"
run large "$large_n"
echo "W3C reader alone, one thread, in-process (bench/ReaderThroughput.java) on $(basename "${all[0]}"):"
java ${DWELL_JAVA_OPTS:--Xmx4g} -cp "$root/dwell-cli/target/lib/*" "$root/bench/ReaderThroughput.java" "${all[0]}" "$file_mb" \
  "${ROUNDS:-3}" time | sed 's/^/  /'
