#!/usr/bin/env bash
# The Sigma rule phase on a rule cache hit (bench/rule-phase.sh), another built tree and this one alternating in one
# run, so both meet the same load; each tree's cache is filled by a first, untimed run.
# Usage: BEFORE=DIR bash bench/rule-phase-ab.sh [RULES [ROUNDS]]   (AS=scan: the scan's JVM options, see rule-phase.sh)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
before="$(cd "${BEFORE:?BEFORE=DIR: another built tree}" && pwd)"; this="$(cd "$here/.." && pwd)"
rules="${1:-$this/../shared/corpora/sigma/rules/windows}"; rounds="${2:-4}"
caches=$(mktemp -d)
trap 'rm -rf "$caches"' EXIT
for tree in before this; do bash "$here/rule-phase.sh" "${!tree}" "$rules" "$caches/$tree" >/dev/null 2>&1; done
for ((i = 1; i <= rounds; i++)); do
  for tree in before this; do
    echo "$tree $(cut -d' ' -f1-3 /proc/loadavg): $(bash "$here/rule-phase.sh" "${!tree}" "$rules" "$caches/$tree" 2>&1 | tr '\n' ' ')"
  done
done
