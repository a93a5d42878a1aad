#!/usr/bin/env bash
# Bytes dwell's EVTX reader allocates per record (bench/EvtxAllocation.java), records read with their fields and
# records read as XML, one parsing thread, after warm-up passes.
# Usage: [BEFORE=OTHER_TREE] bench/evtx-alloc.sh [DIR] [PASSES]
#   default input: ../shared/corpora/evtx-attack-samples; BEFORE=DIR measures another built tree too, side by side.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
input="${1:-$root/../shared/corpora/evtx-attack-samples}"
passes="${2:-5}"
"$root/dwell" --version >/dev/null # build first
before="${BEFORE:-}"
[ -z "$before" ] || "$before/dwell" --version >/dev/null
printf "%-8s %-8s %9s %16s\n" tree mode records bytes/record
for tree in "$root" ${before:+"$before"}; do
  name=this; [ "$tree" = "$root" ] || name=before
  java -Xmx2g -cp "$tree/dwell-core/target/classes:$tree/dwell-cli/target/lib/*" "$root/bench/EvtxAllocation.java" "$input" "$passes" |
    while read -r mode records bytes; do printf "%-8s %-8s %9d %16d\n" "$name" "$mode" "$records" "$bytes"; done
done
