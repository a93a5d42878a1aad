#!/usr/bin/env bash
# dwell serve on a case of N findings (default 1,000,000; bench/report.sh's generator makes it): the API's first page of
# findings and facet queries, timed over HTTP against the same SQL run straight on a copy of the case (DuckDB alone).
# Targets: first page <= 300 ms, a facet query <= 1 s.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
dir=bench/data/report
if [ ! -f "$dir/case.duckdb" ] || [ "$(wc -l < "$dir/findings.jsonl" 2>/dev/null || echo 0)" != "$n" ]; then
  bench/report.sh "$n"
fi
./dwell --version >/dev/null
rm -f "$dir/serve.duckdb" "$dir/raw.duckdb"
cp "$dir/case.duckdb" "$dir/serve.duckdb"
cp "$dir/case.duckdb" "$dir/raw.duckdb"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
java -Xmx2g -cp "dwell-cli/target/lib/*" bench/ServeBench.java "$dir/serve.duckdb" "$dir/raw.duckdb"
