# Sourced by the A/B benchmarks of the issue 20 scan (case-stage.sh, scan-reading.sh, tail-stages.sh): this tree,
# the corpora, the rounds N, the other tree BEFORE, the samples S and rules R, the real-time prefix rr (RR=1) and a
# scratch folder out, removed on exit.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpora="$(cd "$root/../shared/corpora" && pwd -P)"
N=${N:-5}; BEFORE=${BEFORE:?BEFORE=DIR: another built tree}
S=$corpora/evtx-attack-samples; R=$corpora/sigma/rules/windows
rr=(); [ "${RR:-0}" = 1 ] && rr=(chrt -r 1)
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
