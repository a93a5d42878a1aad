#!/usr/bin/env bash
# Sigma matching of two builds side by side in one JVM (bench/SigmaAb.java): the SigmaHQ Windows rules over the
# EVTX attack samples' events held in memory, passes alternated between the builds, thread CPU per pass; also the
# cost of matching an event again while it is in cache. The digests of the matches must agree.
# Usage: bench/sigma-ab.sh OTHER_LIB [PASSES]   (OTHER_LIB: another tree's dwell-cli/target/lib, e.g. of
#        `git archive main | tar -x -C DIR && (cd DIR && ./dwell --version)`; this tree's is B)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpora="$root/../shared/corpora"
"$root/dwell" --version >/dev/null
classes=$(mktemp -d)
trap 'rm -rf "$classes"' EXIT
javac -d "$classes" -cp "$root/dwell-cli/target/lib/*" "$root/bench/SigmaAbRunner.java"
java -Xmx4g "$root/bench/SigmaAb.java" "$classes" "$corpora/sigma/rules/windows" "$corpora/evtx-attack-samples" \
  "${2:-40}" "$1" "$root/dwell-cli/target/lib"
