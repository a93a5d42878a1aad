#!/usr/bin/env bash
# Where a cold event's Sigma matching time goes (bench/SigmaColdSplit.java): the SigmaHQ Windows rules over the EVTX
# attack samples' events in memory, passes alternated between cold, values walked first, a copy after its original,
# twice (hot) and in order of kind; thread CPU per pass, medians and quartiles.
# Usage: bench/sigma-cold.sh [PASSES]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpora="$root/../shared/corpora"
"$root/dwell" --version >/dev/null
classes=$(mktemp -d)
trap 'rm -rf "$classes"' EXIT
javac -d "$classes" -cp "$root/dwell-cli/target/lib/*" "$root/bench/SigmaAbRunner.java"
java -Xmx4g -cp "$root/dwell-cli/target/lib/*:$classes" "$root/bench/SigmaColdSplit.java" \
  "$corpora/sigma/rules/windows" "$corpora/evtx-attack-samples" "${1:-20}"
