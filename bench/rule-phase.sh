#!/usr/bin/env bash
# The Sigma rule phase alone (bench/RuleStartBench.java) in a fresh JVM as the launcher starts one for `rules check`:
# its class path, its class-data archive and C1 alone (bench/startup.sh runs the bench without the archive, so class
# loading counts there). The bench's class is compiled against TREE's jars into a temporary folder.
# Usage: bench/rule-phase.sh TREE RULES CACHE_DIR|off   (TREE: this tree or another built one, say an unpacked main)
# AS=scan: the JVM options TREE's launcher gives the issue's scan (dwell-jvm-options: the serial collector, its heap,
# huge pages) instead of those of `rules check` (G1).
# EXTRA_JAVA: more JVM options (say -Xlog:class+load:file=F to see which classes the phase loads outside the archive).
# The main thread's CPU is the figure to compare; "process" adds the JIT compiler, the collector and the second
# loading thread.
set -euo pipefail
root="$(cd "$1" && pwd)"; rules=$2; cache=$3
"$root/dwell" --version >/dev/null   # builds and trains the archive outside the timing
classes=$(mktemp -d)
trap 'rm -rf "$classes"' EXIT
javac -d "$classes" -cp "$root/dwell-cli/target/lib/*" "$(dirname "${BASH_SOURCE[0]}")/RuleStartBench.java"
jar="$root/dwell-cli/target/dwell-cli.jar"; native="$root/dwell-cli/target/duckdb-native"
dj=$(ls "$root"/dwell-cli/target/lib/duckdb_jdbc-*.jar | head -n 1)
cp="$jar"
for lib in "$root"/dwell-cli/target/lib/*.jar; do [ "$lib" = "$dj" ] || cp="$cp:$lib"; done
# the archive maps only with the class path it was made with as a prefix (the launcher's, with DuckDB's jar as it ran)
if [ -f "$native/ready" ]; then cp="$cp:$native/${dj##*/}"; else cp="$cp:$dj"; fi
opts=(-XX:TieredStopAtLevel=1 -Xmx4g)
if [ "${AS:-}" = scan ]; then
  . "$root/dwell-cli/src/dist/bin/dwell-jvm-options"
  dwell_jvm_options scan "$rules"
  opts=($dwell_cmd_opts ${dwell_heap_opts:--Xmx4g})
fi
java ${EXTRA_JAVA:-} -XX:SharedArchiveFile="$root/dwell-cli/target/dwell.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0 \
  -Djava.library.path="$native" "${opts[@]}" -cp "$cp:$classes" RuleStartBench "$rules" "$cache"
