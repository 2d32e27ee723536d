#!/usr/bin/env bash
# Bounded-memory probes (RELIABILITY.md): hostile inputs made on the fly (fuzz/seedgen.py hostile, and a
# 100 MB single-line CSV), each run once through its fuzz target's binary with the limits of a fuzz run.
# Prints, per probe: the libFuzzer/exit verdict, wall time and peak RSS. Needs the targets built
# (scripts/fuzz.sh or scripts/fuzz-ci.sh builds them). Inputs go to /dev/shm and are removed afterwards.
set -uo pipefail
cd "$(dirname "$0")/.."
bin="${FUZZ_TARGET_DIR:-/var/tmp/plant-twin-fuzz-target}/x86_64-unknown-linux-gnu/release"
dir="/dev/shm/plant-twin-fuzz-probes-$$"
mkdir -p "$dir"
trap 'rm -rf "$dir"' EXIT
export POLARS_MAX_THREADS="${POLARS_MAX_THREADS:-1}"

python3 fuzz/seedgen.py hostile "$dir"
# CSV: a header, then one long line (a timestamp and a number of 10 MB or 100 MB); and a 100 MB header
# line. Inputs of a fuzz run are at most 1 MiB; these are run with a 600 s limit instead of 10 s.
for mb in 10 100; do
    { printf 'timestamp,crusher_kW\n2026-11-10T00:00:00Z,'; head -c "${mb}000000" /dev/zero | tr '\0' '7'; printf '\n'; } > "$dir/csv-${mb}mb-line.csv"
done
{ printf 'timestamp,'; head -c 100000000 /dev/zero | tr '\0' 'k'; printf '\n2026-11-10T00:00:00Z,1\n'; } > "$dir/csv-100mb-header.csv"

probe() { # target file [timeout_s]
    local t=$1 f=$2 limit=${3:-60} out rc
    out="$(/usr/bin/time -f 'TIME %e s, peak RSS %M KB' "$bin/$t" -rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout="$limit" "$f" 2>&1)"
    rc=$?
    local verdict
    verdict="$(grep -m1 -oE 'panicked at [^ ]+|memory allocation of [0-9]+ bytes failed' <<< "$out")"
    [ -n "$verdict" ] || verdict="$(grep -m1 -oE 'ERROR: libFuzzer: [a-z-]+' <<< "$out")"
    [ -n "$verdict" ] || verdict="no crash"
    printf '%-16s %-36s exit %-3s %-50s %s\n' "$t" "$(basename "$f")" "$rc" "$verdict" "$(grep -m1 '^TIME' <<< "$out" | cut -c6-)"
    if [ -n "${PROBE_VERBOSE:-}" ]; then tail -n 30 <<< "$out"; fi
}

probe glb "$dir/glb-accessor-2pow32.glb"
probe glb "$dir/glb-chunk-claims-4gib.glb"
probe glb "$dir/glb-node-chain-100000.glb"
probe glb "$dir/glb-node-cycle.glb"
probe prometheus_json "$dir/json-nested-100000.json"
probe live_json "$dir/live-json-nested-100000.json"
probe parquet "$dir/parquet-claims-2pow40-rows.parquet"
probe parquet "$dir/parquet-page-claims-2pow31-values.parquet"
probe parquet "$dir/parquet-chunk-claims-2pow40-values.parquet"
probe site_toml "$dir/toml-nested-arrays-100000.toml"
probe site_toml "$dir/toml-nested-tables-100000.toml"
probe sources_toml "$dir/toml-nested-tables-100000.toml"
probe csv "$dir/csv-10mb-line.csv" 600
probe csv "$dir/csv-100mb-line.csv" 600
probe csv "$dir/csv-100mb-header.csv" 600
