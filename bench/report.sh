#!/usr/bin/env bash
# Case file and HTML report for N findings (default 1,000,000): import and render times next to reading
# the same findings.jsonl with wc -l. Target: each under a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
./dwell --version >/dev/null   # builds if needed; dwell-cli/target/lib then holds dwell-case and its dependencies
java -Xmx6g -cp "dwell-cli/target/lib/*" bench/ReportBench.java bench/data/report "$n"
echo "reference: wc -l over the same findings.jsonl"
/usr/bin/time -f "wc -l: %e s" wc -l bench/data/report/findings.jsonl
