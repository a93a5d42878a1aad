#!/usr/bin/env bash
# Coverage-guided fuzzing with Jazzer: runs each fuzz target of dwell-core (dwell/fuzz/*FuzzTest.java: the EVTX
# and text readers, the catalog's archive walking, the Sigma loader, the YARA compiler and scanner, the STIX
# pattern parser and the IOC feed readers) for MINUTES minutes, one after another. A crash, a hang or an
# escaping exception stops that target and leaves its input in
# dwell-core/src/test/resources/dwell/fuzz/<Class>Inputs/<target>/ (check it in: every mvn verify replays it).
# The corpus grown while fuzzing is kept under dwell-core/.cifuzz-corpus/ (not checked in).
# Usage: bench/fuzz.sh MINUTES [Class#target ...]   e.g. bench/fuzz.sh 10 ReaderFuzzTest#evtx CatalogFuzzTest#zip
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
minutes="${1:?usage: bench/fuzz.sh MINUTES [Class#target ...]}"
shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  # every @FuzzTest method, as Class#method
  for f in "$root"/dwell-core/src/test/java/dwell/fuzz/*FuzzTest.java; do
    class=$(basename "$f" .java)
    for m in $(grep -A1 '@FuzzTest' "$f" | grep -oP 'void \K\w+'); do targets+=("$class#$m"); done
  done
fi
cd "$root"
mvn -q -B -ntp -pl dwell-core -am test-compile -DskipTests >&2
for t in "${targets[@]}"; do
  echo "== fuzzing $t for $minutes min (load $(cut -d' ' -f1 /proc/loadavg))"
  # Jazzer fuzzes when JAZZER_FUZZ is set; timeout bounds the run (the targets' own limit is a day)
  JAZZER_FUZZ=1 timeout --foreground "$((minutes * 60 + 60))s" \
    mvn -B -ntp -pl dwell-core surefire:test -Dtest="$t" -Dsurefire.failIfNoSpecifiedTests=false \
    || echo "== $t: stopped (a finding, or the time limit): see above"
done
