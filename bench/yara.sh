#!/usr/bin/env bash
# Benchmark: signature-base's web-shell rules over the differential-test corpus (files built from the rules'
# own strings, text in several encodings, the JDK's lib files), dwell yara scan next to yara -p 2, in one run:
# rules alone (an empty directory: start-up and rule compilation), the corpus, and the corpus five times over
# (symbolic links to it) for the steady state. Wall seconds and CPU seconds (user + system) per run.
# Usage: bench/yara.sh [CORPUS_DIR]   (default: a fresh temporary directory)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sb="$root/../shared/corpora/signature-base/yara"
[ -d "$sb" ] || { echo "missing corpus: $sb" >&2; exit 1; }
rules=(thor-webshells.yar gen_webshells.yar apt_hafnium.yar cn_pentestset_webshells.yar gen_cn_webshells.yar
       apt_laudanum_webshells.yar expl_proxyshell.yar apt_webshell_chinachopper.yar gen_webshell_csharp.yar)
corpus="${1:-$(mktemp -d)/corpus}"
LOAD_BEFORE="$(cut -d" " -f1-3 /proc/loadavg)"
(cd "$root" && mvn -q -B -o -Dstyle.color=never -DskipTests package >&2 && mvn -q -B -o -Dstyle.color=never -pl dwell-core test-compile >&2)
cp="$root/dwell-core/target/classes:$root/dwell-core/target/test-classes:$(ls "$HOME"/.m2/repository/com/fasterxml/jackson/core/jackson-databind/*/jackson-databind-*.jar | head -1)"
[ -d "$corpus" ] || java -cp "$cp" dwell.yara.WebshellCorpus "$corpus" true >&2
corpus="$(cd "$corpus" && pwd)"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir "$out/empty" "$out/x5"
for k in 1 2 3 4 5; do ln -s "$corpus" "$out/x5/copy$k"; done
files=$(find -L "$corpus" -type f | wc -l)
bytes=$(find -L "$corpus" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
yara_args=(); dwell_args=()
for r in "${rules[@]}"; do yara_args+=("$sb/$r"); dwell_args+=(--rules "$sb/$r"); done
"$root/dwell" --help > /dev/null  # builds the CLI jar if sources changed, outside the timings

# run NAME CMD...: runs CMD with sorted stdout to $out/NAME.txt, times to $out/NAME.time ("wall user sys")
run() {
  local name=$1; shift
  /usr/bin/time -f '%e %U %S' -o "$out/$name.time" "$@" 2>"$out/$name.err" | sort > "$out/$name.txt"
}
cell() {  # wall and CPU seconds of a run
  awk '{printf "%6.2f s (cpu %5.2f)", $1, $2 + $3}' "$out/$1.time"
}
run yara-empty  yara -w -r -p 2 "${yara_args[@]}" "$out/empty"
run dwell-empty "$root/dwell" yara scan --threads 2 "${dwell_args[@]}" "$out/empty"
run yara-x1     yara -w -r -p 2 "${yara_args[@]}" "$corpus"
run dwell-x1    "$root/dwell" yara scan --threads 2 "${dwell_args[@]}" "$corpus"
run yara-x5     yara -w -r -p 2 "${yara_args[@]}" "$out/x5"
run dwell-x5    "$root/dwell" yara scan --threads 2 "${dwell_args[@]}" "$out/x5"

printf 'corpus: %s files, %s MB; rules: %s web-shell rule files of signature-base; load before: %s, after: %s\n' \
  "$files" "$((bytes / 1048576))" "${#rules[@]}" "${LOAD_BEFORE:-n/a}" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %-24s %-24s %8s\n' run "yara 4.2.3 -p 2" "dwell yara scan --threads 2" "dwell/yara"
for r in empty:"rules only (empty directory)" x1:"corpus ($files files)" x5:"corpus x5 ($((files * 5)) files, symlinks)"; do
  key=${r%%:*}
  ratio=$(paste "$out/yara-$key.time" "$out/dwell-$key.time" | awk '{printf "%.2f", $4 / $1}')
  printf '%-34s %-24s %-24s %8s\n' "${r#*:}" "$(cell "yara-$key")" "$(cell "dwell-$key")" "$ratio"
done
status=0
for key in x1 x5; do
  if cmp -s "$out/yara-$key.txt" "$out/dwell-$key.txt"; then
    echo "corpus $key: (rule, file) matches identical ($(wc -l < "$out/yara-$key.txt") lines)"
  else
    echo "corpus $key: (rule, file) matches DIFFERENT: yara $(wc -l < "$out/yara-$key.txt"), dwell $(wc -l < "$out/dwell-$key.txt")"
    status=1
  fi
done
exit $status
