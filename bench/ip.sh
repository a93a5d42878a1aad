#!/usr/bin/env bash
# dwell.net (the address type of the IOC engine, Sigma's cidr modifier and the pivot) against seancfoley's IPAddress
# library on the hot paths (bench/IpBench.java): reading a log field's address, its canonical text, range membership.
# The library is fetched from Maven Central into bench/data/m2 (not into ~/.m2); dwell does not depend on it.
# Usage: bench/ip.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version=5.5.1
repo="$root/bench/data/m2"
jar="$repo/com/github/seancfoley/ipaddress/$version/ipaddress-$version.jar"
[ -f "$jar" ] || mvn -B -ntp -q dependency:get -Dartifact="com.github.seancfoley:ipaddress:$version" -Dtransitive=false \
  -Dmaven.repo.local="$repo" >&2
"$root/dwell" --version >/dev/null   # builds if needed; dwell-cli/target/lib then holds dwell-core
java -Xmx1g -cp "$root/dwell-cli/target/lib/*:$jar" "$root/bench/IpBench.java"
