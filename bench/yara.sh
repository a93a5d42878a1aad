#!/usr/bin/env bash
# Benchmark: signature-base's web-shell rules over the differential-test corpus (files built from the rules'
# own strings, text in several encodings, the JDK's lib files), dwell yara scan next to yara -p 2, in one run.
# Usage: bench/yara.sh [CORPUS_DIR]   (default: a fresh temporary directory)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sb="$root/../shared/corpora/signature-base/yara"
[ -d "$sb" ] || { echo "missing corpus: $sb" >&2; exit 1; }
rules=(thor-webshells.yar gen_webshells.yar apt_hafnium.yar cn_pentestset_webshells.yar gen_cn_webshells.yar
       apt_laudanum_webshells.yar expl_proxyshell.yar apt_webshell_chinachopper.yar gen_webshell_csharp.yar)
corpus="${1:-$(mktemp -d)/corpus}"
(cd "$root" && mvn -q -B -o -Dstyle.color=never -DskipTests package >&2 && mvn -q -B -o -Dstyle.color=never -pl dwell-core test-compile >&2)
cp="$root/dwell-core/target/classes:$root/dwell-core/target/test-classes:$(ls "$HOME"/.m2/repository/com/fasterxml/jackson/core/jackson-databind/*/jackson-databind-*.jar | head -1)"
[ -d "$corpus" ] || java -cp "$cp" dwell.yara.WebshellCorpus "$corpus" true >&2
files=$(find -L "$corpus" -type f | wc -l)
bytes=$(find -L "$corpus" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
yara_args=(); dwell_args=()
for r in "${rules[@]}"; do yara_args+=("$sb/$r"); dwell_args+=(--rules "$sb/$r"); done
out=$(mktemp -d)
t0=$(date +%s.%N)
yara -w -r -p 2 "${yara_args[@]}" "$corpus" | sort > "$out/yara.txt"
t1=$(date +%s.%N)
"$root/dwell" yara scan --threads 2 "${dwell_args[@]}" "$corpus" 2>"$out/dwell.err" | sort > "$out/dwell.txt"
t2=$(date +%s.%N)
DWELL_JAVA_OPTS="-Xmx4g -XX:TieredStopAtLevel=1" "$root/dwell" yara scan --threads 2 "${dwell_args[@]}" "$corpus" 2>/dev/null \
  | sort > "$out/dwell-c1.txt"
t3=$(date +%s.%N)
same=$(cmp -s "$out/yara.txt" "$out/dwell.txt" && echo identical || echo DIFFERENT)
printf 'corpus: %s files, %s MB; rules: %s web-shell rule files of signature-base; load: %s\n' \
  "$files" "$((bytes / 1048576))" "${#rules[@]}" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-28s %10s %10s\n' tool seconds matches
printf '%-28s %10.2f %10s\n' "yara 4.2.3 -p 2" "$(echo "$t1 - $t0" | bc)" "$(wc -l < "$out/yara.txt")"
printf '%-28s %10.2f %10s\n' "dwell yara scan --threads 2" "$(echo "$t2 - $t1" | bc)" "$(wc -l < "$out/dwell.txt")"
printf '%-28s %10.2f %10s\n' "  same, JVM -XX:TieredStopAtLevel=1" "$(echo "$t3 - $t2" | bc)" "$(wc -l < "$out/dwell-c1.txt")"
echo "(rule, file) matches: $same"
rm -rf "$out"
