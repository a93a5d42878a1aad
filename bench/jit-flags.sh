#!/usr/bin/env bash
# JVM flag candidates for one command, in alternating rounds (issue 20: the JIT's share of a run). Each variant is
# LABEL=FLAGS: this tree's ./dwell runs the command with FLAGS added after the launcher's own JVM options (a `java`
# shim first on PATH puts them before -cp, where a later flag overrides the launcher's), so "base=" is the launcher
# as it is. Every round runs each variant once, in order; then per variant the CPU (user + system) mean, min and max,
# and the wall mean. The load average is printed after each round.
# Work: evtx   the issue's scan: the 277 EVTX samples with SigmaHQ's Windows rules, --no-builtin (case file on)
#       iis    a scan of 256 MB of IIS logs with the built-in rules, --no-case: bench/data/iis-256, made on first use
#              from the first 205 logs of bench/data/pivot-1024 (symbolic links), or IIS=DIR
#       yara   yara scan of signature-base's gen_webshells.yar and thor-webshells.yar over the examples folder
#       rules  rules check of SigmaHQ's Windows rules
# Rule caches are warmed (a run of each work outside the timings, in a cache folder of this script's own).
# On a loaded machine, `chrt -r 1 bash bench/jit-flags.sh ...` (root) gives the runs the cores as on an idle one.
# Usage: [N=5] bench/jit-flags.sh WORK LABEL=FLAGS...   e.g. bench/jit-flags.sh evtx base= cts2=-XX:CompileThresholdScaling=2
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpora="$(cd "$root/../shared/corpora" && pwd -P)"
work=${1:?WORK: evtx, iis, yara or rules}; shift
[ $# -gt 0 ] || { echo "no variants (LABEL=FLAGS)" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
real_java="$(command -v java)"
mkdir "$out/shim"
cat > "$out/shim/java" <<EOF
#!/usr/bin/env bash
args=()
for a in "\$@"; do [ "\$a" = -cp ] && args+=(\${JIT_FLAGS:-}); args+=("\$a"); done
exec "$real_java" "\${args[@]}"
EOF
chmod +x "$out/shim/java"
export DWELL_CACHE_DIR="$out/cache"
case $work in
  evtx) cmd=(scan "$corpora/evtx-attack-samples" --rules "$corpora/sigma/rules/windows" --no-builtin --quiet --out "$out/o") ;;
  iis)
    iis=${IIS:-$root/bench/data/iis-256}
    if [ ! -d "$iis" ]; then
      mkdir -p "$iis"
      logs=("$root"/bench/data/pivot-1024/logs/*.log)
      ln -s "${logs[@]:0:205}" "$iis/"
    fi
    cmd=(scan "$(cd "$iis" && pwd)" --no-case --quiet --out "$out/o") ;;
  yara) cmd=(yara scan -r "$corpora/signature-base/yara/gen_webshells.yar" -r "$corpora/signature-base/yara/thor-webshells.yar"
    "$root/examples") ;;
  rules) cmd=(rules check "$corpora/sigma/rules/windows") ;;
  *) echo "unknown work: $work" >&2; exit 1 ;;
esac
labels=() flags=()
for v in "$@"; do labels+=("${v%%=*}"); flags+=("${v#*=}"); done
"$root/dwell" "${cmd[@]}" >/dev/null 2>&1 || true   # builds, fills the rule cache
echo "$work: ${cmd[*]}"
echo "2 cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "${N:-5}"); do
  for i in "${!labels[@]}"; do
    rm -rf "$out/o"
    JIT_FLAGS="${flags[$i]}" PATH="$out/shim:$PATH" /usr/bin/time -f '%e %U %S' -o "$out/t" \
      "$root/dwell" "${cmd[@]}" >/dev/null 2>"$out/err" || { echo "${labels[$i]} failed:" >&2; tail -3 "$out/err" >&2; }
    read -r wall user sys < "$out/t"
    echo "${labels[$i]} $wall $user $sys" >> "$out/all"
    awk -v l="${labels[$i]}" -v w="$wall" -v u="$user" -v s="$sys" \
      'BEGIN { printf "%-12s %6.2f s wall %6.2f s cpu (sys %.2f)\n", l, w, u + s, s }'
  done
  echo "round $r, load $(cut -d' ' -f1 /proc/loadavg)"
done
echo "variant      cpu mean (min-max)       wall mean   flags"
for i in "${!labels[@]}"; do
  awk -v l="${labels[$i]}" -v f="${flags[$i]}" '$1 == l { c = $3 + $4; s += c; w += $2; n++
      if (n == 1 || c < lo) lo = c; if (c > hi) hi = c }
    END { printf "%-12s %6.2f s (%.2f-%.2f)   %6.2f s    %s\n", l, s / n, lo, hi, w / n, f }' "$out/all"
done
