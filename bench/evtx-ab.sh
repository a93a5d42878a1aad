#!/usr/bin/env bash
# The EVTX reader of BEFORE (another built tree) against this tree's, passes alternating in one JVM
# (bench/EvtxReaderAb.java), so that a loaded machine's load hits both alike: CPU a pass and the ratio pair by pair.
# Usage: BEFORE=OTHER_TREE bench/evtx-ab.sh [DIR] [PAIRS] [WARMUP]   (default: the 277 EVTX samples, 60 and 40)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
before="${BEFORE:?set BEFORE to the tree to compare with}"
input="${1:-$root/../shared/corpora/evtx-attack-samples}"
"$root/dwell" --version >/dev/null # build first
"$before/dwell" --version >/dev/null
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx2g "$root/bench/EvtxReaderAb.java" "$input" "$before" "$root" "${2:-60}" "${3:-40}"
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
