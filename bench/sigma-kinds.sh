#!/usr/bin/env bash
# What the Sigma engine spends on the event kinds of the issue 20 scan (bench/SigmaKindsBench.java): the engine
# built from SigmaHQ's Windows rules, then the 277 EVTX samples' events matched once in file order on one thread with
# C1 alone (as a scan of < 128 MB runs): the kinds met, the CPU time and allocation of their first events (where
# a kind's rules are specialized and its prefilter automata built) apart from the other events'.
# Usage: [SPLIT=1] bench/sigma-kinds.sh [LIB]   (LIB: a dwell-cli/target/lib folder, this tree's by default;
# SPLIT=1 runs bench/SigmaKindsSplitBench.java instead: the kinds' set-up with and without building the automata)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpora="$root/../shared/corpora"
lib="${1:-$root/dwell-cli/target/lib}"
[ $# -ge 1 ] || "$root/dwell" --version >/dev/null
classes=$(mktemp -d)
trap 'rm -rf "$classes"' EXIT
main=SigmaKindsBench; [ "${SPLIT:-0}" = 1 ] && main=SigmaKindsSplitBench
javac -d "$classes" -cp "$lib/*" "$root/bench/SigmaAbRunner.java" "$root/bench/$main.java"
java -XX:TieredStopAtLevel=1 -Xmx4g -cp "$classes:$lib/*" $main "$corpora/sigma/rules/windows" "$corpora/evtx-attack-samples"
