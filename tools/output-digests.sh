#!/usr/bin/env bash
# The digests of the outputs a refactoring must leave byte-identical: `dwell scan examples/`, `dwell inventory
# examples/` and SigmaHQ's Windows rules over the EVTX attack samples (timings and the index's byte count, which
# vary from run to run, masked), and every table of both scans' case files, dumped in a fixed order (the run's
# times and command line masked; the case file's bytes and the report's HTML carry times, so only the tables count).
# Run it before and after a change and diff the two lists.
# Usage: tools/output-digests.sh OUTDIR   (prints one "sha256  file" line per output file)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpora="$(cd "$root/../shared/corpora" && pwd -P)"
out="$(mkdir -p "$1" && cd "$1" && pwd)"
rm -rf "${out:?}"/*
cd "$root"
./dwell scan examples/ --out "$out/examples" --format json >/dev/null
./dwell scan "$corpora/evtx-attack-samples" --rules "$corpora/sigma/rules/windows" --no-builtin \
  --out "$out/evtx" --format json >/dev/null
./dwell inventory examples/ --format json > "$out/inventory.json"
for scan in examples evtx; do
  tables=$(./dwell query --quiet -f json "$out/$scan/case.duckdb" \
    "SELECT table_name FROM information_schema.tables ORDER BY 1" | sed -n -E 's/.*"table_name" : "([^"]*)".*/\1/p')
  for t in $tables; do
    ./dwell query --quiet -f json "$out/$scan/case.duckdb" "SELECT * FROM \"$t\" ORDER BY ALL" \
      | sed -E 's/"(started|ended|command_line)" : .*/"\1" : X/' > "$out/$scan/case-$t.table"
  done
  rm -f "$out/$scan/case.duckdb" "$out/$scan/case.duckdb.wal" "$out/$scan/report.html"
done
masked='started|finished|elapsed[a-z_]*|duration[a-z_]*|generated|[a-z_]*_ms|ms|seconds|[a-z_]*_seconds|index_bytes'
sed -i -E "s/\"($masked)\"\\s*:\\s*\"?[^,}\"]*\"?/\"\\1\":X/g" "$out"/*/*.json
(cd "$out" && find . -type f | sort | xargs sha256sum)
