#!/usr/bin/env bash
# The digests of the outputs a refactoring must leave byte-identical: `dwell scan examples/`, `dwell inventory
# examples/` and SigmaHQ's Windows rules over the EVTX attack samples (timings and the index's byte count, which
# vary from run to run, masked). Run it before and after a change and diff the two lists.
# Usage: tools/output-digests.sh OUTDIR   (prints one "sha256  file" line per output file)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpora="$(cd "$root/../shared/corpora" && pwd -P)"
out="$(mkdir -p "$1" && cd "$1" && pwd)"
rm -rf "${out:?}"/*
cd "$root"
./dwell scan examples/ --out "$out/examples" --no-case --format json >/dev/null
./dwell scan "$corpora/evtx-attack-samples" --rules "$corpora/sigma/rules/windows" --no-builtin --no-case \
  --out "$out/evtx" --format json >/dev/null
./dwell inventory examples/ --format json > "$out/inventory.json"
masked='started|finished|elapsed[a-z_]*|duration[a-z_]*|generated|[a-z_]*_ms|ms|seconds|[a-z_]*_seconds|index_bytes'
sed -i -E "s/\"($masked)\"\\s*:\\s*\"?[^,}\"]*\"?/\"\\1\":X/g" "$out"/*/*.json
(cd "$out" && find . -type f | sort | xargs sha256sum)
